package dev.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.SeatHold;
import dev.ticketing.catalog.SeatStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a hold is over: from its expiry instant on, for the seat and its reservation alike. */
class HoldRulesTest {
  private static final Instant EXPIRY = Instant.parse("2026-11-25T00:05:00Z");
  private final Seat held = new Seat("c", "d", 7, 1000, SeatStatus.HELD, Optional.of(new SeatHold("alice", "r1", EXPIRY)));
  private final Reservation reservation = Reservation.held("r1", "alice", "c", "d", 7, 1000, EXPIRY.minusSeconds(300), EXPIRY);

  @Test
  void a_hold_runs_until_its_expiry_instant_and_not_at_it() {
    Instant before = EXPIRY.minusMillis(1);
    assertThat(held.statusAt(before)).isEqualTo(SeatStatus.HELD);
    assertThat(held.liveHoldOf("alice", before)).isPresent();
    assertThat(held.liveHoldOf("bob", before)).isEmpty();
    assertThat(reservation.statusAt(before)).isEqualTo(ReservationStatus.HELD);

    assertThat(held.statusAt(EXPIRY)).isEqualTo(SeatStatus.AVAILABLE);
    assertThat(held.liveHoldOf("alice", EXPIRY)).isEmpty();
    assertThat(reservation.statusAt(EXPIRY)).isEqualTo(ReservationStatus.EXPIRED);
  }

  @Test
  void sold_and_confirmed_do_not_run_out() {
    Seat sold = new Seat("c", "d", 7, 1000, SeatStatus.SOLD, Optional.empty());
    Reservation confirmed = new Reservation("r1", "alice", "c", "d", 7, 1000, ReservationStatus.CONFIRMED,
        EXPIRY.minusSeconds(300), EXPIRY, java.util.Optional.of(EXPIRY.minusSeconds(10)));
    assertThat(sold.statusAt(EXPIRY.plusSeconds(86_400))).isEqualTo(SeatStatus.SOLD);
    assertThat(confirmed.statusAt(EXPIRY.plusSeconds(86_400))).isEqualTo(ReservationStatus.CONFIRMED);
  }
}
