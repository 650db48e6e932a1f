package dev.ticketing.payment;

import dev.ticketing.engine.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class PaymentOnLocalStackTest extends PaymentContract {}
