package dev.ticketing.reservation;

import dev.ticketing.engine.junit.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class ReleaseReservationOnMotoTest extends ReleaseReservationContract {}
