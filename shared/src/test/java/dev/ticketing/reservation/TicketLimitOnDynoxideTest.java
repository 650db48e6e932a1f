package dev.ticketing.reservation;

import dev.ticketing.engine.junit.DynamoDbExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class TicketLimitOnDynoxideTest extends TicketLimitContract {}
