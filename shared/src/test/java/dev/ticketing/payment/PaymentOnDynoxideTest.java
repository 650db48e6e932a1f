package dev.ticketing.payment;

import dev.ticketing.engine.junit.DynamoDbExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class PaymentOnDynoxideTest extends PaymentContract {}
