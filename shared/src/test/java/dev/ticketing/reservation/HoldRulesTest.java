package dev.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.SeatHold;
import dev.ticketing.catalog.SeatStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a hold is over (from its expiry instant on, for the seats, the reservation and the ticket
 * count alike), and what counts against the limit.
 */
class HoldRulesTest {
  private static final Instant EXPIRY = Instant.parse("2026-11-25T00:05:00Z");
  private final Seat held = new Seat("c", "d", 7, 1000, SeatStatus.HELD, Optional.of(new SeatHold("alice", "r1", EXPIRY)));
  private final Reservation reservation = Reservation.held("r1", "alice", "c", "d",
      List.of(new ReservedSeat(7, 1000), new ReservedSeat(8, 1500)), EXPIRY.minusSeconds(300), EXPIRY);

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
  void an_order_costs_the_sum_of_its_seats() {
    assertThat(reservation.price()).isEqualTo(2500);
    assertThat(reservation.seatNos()).containsExactly(7, 8);
    ReservationView view = reservation.viewAt(EXPIRY.minusSeconds(1));
    assertThat(view.seatNos()).containsExactly(7, 8);
    assertThat(view.seats()).containsExactly(new ReservedSeat(7, 1000), new ReservedSeat(8, 1500));
    assertThat(view.price()).isEqualTo(2500);
  }

  @Test
  void sold_confirmed_and_released_do_not_run_out() {
    Seat sold = new Seat("c", "d", 7, 1000, SeatStatus.SOLD, Optional.empty());
    Reservation confirmed = new Reservation("r1", "alice", "c", "d", List.of(new ReservedSeat(7, 1000)),
        ReservationStatus.CONFIRMED, EXPIRY.minusSeconds(300), EXPIRY, Optional.of(EXPIRY.minusSeconds(10)));
    Reservation released = new Reservation("r2", "alice", "c", "d", List.of(new ReservedSeat(9, 1000)),
        ReservationStatus.RELEASED, EXPIRY.minusSeconds(300), EXPIRY, Optional.empty());
    assertThat(sold.statusAt(EXPIRY.plusSeconds(86_400))).isEqualTo(SeatStatus.SOLD);
    assertThat(confirmed.statusAt(EXPIRY.plusSeconds(86_400))).isEqualTo(ReservationStatus.CONFIRMED);
    assertThat(released.statusAt(EXPIRY.minusSeconds(1))).isEqualTo(ReservationStatus.RELEASED);
  }

  @Test
  void running_holds_and_paid_seats_count_and_a_hold_stops_counting_at_its_expiry() {
    TicketCount count = new TicketCount("alice", "c", List.of(
        new TicketCount.ListedHold("r1", "d", List.of(7, 8), EXPIRY),
        new TicketCount.ListedHold("r2", "d", List.of(9), EXPIRY.plusSeconds(60))), 1, 5);

    assertThat(count.ticketsAt(EXPIRY.minusMillis(1))).isEqualTo(4);
    assertThat(count.ticketsAt(EXPIRY)).isEqualTo(2);
    assertThat(count.ticketsAt(EXPIRY.plusSeconds(60))).isEqualTo(1);
    assertThat(count.expiredAt(EXPIRY)).extracting(TicketCount.ListedHold::reservationId).containsExactly("r1");

    TicketCount after = count.with(new TicketCount.ListedHold("r3", "d", List.of(1), EXPIRY.plusSeconds(300)), EXPIRY);
    assertThat(after.holds()).extracting(TicketCount.ListedHold::reservationId).containsExactly("r2", "r3");
    assertThat(after.paidSeats()).isEqualTo(1);
    assertThat(after.version()).isEqualTo(6);
  }

  @Test
  void a_repeated_hold_is_the_same_seats_of_the_same_date_while_the_hold_runs() {
    TicketCount count = new TicketCount("alice", "c", List.of(new TicketCount.ListedHold("r1", "d", List.of(7, 8), EXPIRY)),
        0, 1);
    Instant before = EXPIRY.minusSeconds(1);
    assertThat(count.sameOrderAt("d", List.of(7, 8), before)).map(TicketCount.ListedHold::reservationId).contains("r1");
    assertThat(count.sameOrderAt("d", List.of(7), before)).isEmpty();
    assertThat(count.sameOrderAt("d", List.of(7, 8, 9), before)).isEmpty();
    assertThat(count.sameOrderAt("other", List.of(7, 8), before)).isEmpty();
    assertThat(count.sameOrderAt("d", List.of(7, 8), EXPIRY)).isEmpty();
  }

  @Test
  void an_order_request_is_distinct_seats_in_ascending_order_or_one_seat_the_old_way() {
    assertThat(ReserveRequest.of("c", "d", 9, 7, 8).seatNos()).containsExactly(7, 8, 9);
    assertThat(new ReserveRequest("c", "d", null, 7).seatNos()).containsExactly(7);
    assertThat(new ReserveRequest("c", "d", null, 7).seatNo()).isNull();
  }
}
