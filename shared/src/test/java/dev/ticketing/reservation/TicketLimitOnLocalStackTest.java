package dev.ticketing.reservation;

import dev.ticketing.engine.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class TicketLimitOnLocalStackTest extends TicketLimitContract {}
