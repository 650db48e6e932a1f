package dev.ticketing.payment;

import dev.ticketing.engine.junit.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class PaymentOnMotoTest extends PaymentContract {}
