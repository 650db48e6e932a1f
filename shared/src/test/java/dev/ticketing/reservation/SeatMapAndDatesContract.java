package dev.ticketing.reservation;

import static dev.ticketing.reservation.ReserveSeatContract.ENV;
import static dev.ticketing.reservation.ReserveSeatContract.HOLD;
import static dev.ticketing.reservation.ReserveSeatContract.T0;
import static dev.ticketing.reservation.ReserveSeatContract.refusal;
import static dev.ticketing.reservation.ReserveSeatContract.reserve;
import static dev.ticketing.testing.SmallCatalog.CONCERT;
import static dev.ticketing.testing.SmallCatalog.LAST;
import static dev.ticketing.testing.SmallCatalog.LATER;
import static dev.ticketing.testing.SmallCatalog.SOON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.domain.Refusal;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.BookableDates.BookableDate;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the gated reads show: the seat map of a date, and the bookable dates of a concert. */
abstract class SeatMapAndDatesContract {
  private final MutableClock clock = new MutableClock(T0);

  private TestComponent app(TestTable table) {
    Map<String, String> env = new java.util.HashMap<>(ENV);
    // One user sells a date out here; what is tested is what the reads show, not the ticket limit.
    env.put("MAX_TICKETS_PER_USER", "60");
    TestComponent app = TestApp.on(table, clock, env);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    return app;
  }

  private static void confirm(TestComponent app, TestTable table, String reservationId, java.time.Instant now) {
    assertThat(ReservationTables.confirm(table, app.reservationStore().find(reservationId).orElseThrow(), now)).isTrue();
  }

  @Test
  void the_seat_map_shows_every_seat_with_its_status_now(TestTable table) {
    TestComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("alice", "bob"), 2);
    Optional<QueueTokenId> alice = QueueTokenId.parse(tokens.get("alice"));
    reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 5);
    clock.advance(HOLD.plusSeconds(1));
    reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 3);
    String bobs = reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 44).reservation().reservationId();
    confirm(app, table, bobs, clock.instant());

    SeatMap map = app.showSeatMap().show("alice", CONCERT, SOON, alice);

    assertThat(map.scheduleId()).isEqualTo(SOON);
    assertThat(map.seats()).extracting(SeatMap.SeatView::seatNo).containsExactlyElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
    assertThat(map.seats().get(2).status()).isEqualTo(SeatStatus.HELD);
    assertThat(map.seats().get(43).status()).isEqualTo(SeatStatus.SOLD);
    assertThat(map.seats().get(4).status()).as("seat 5: its hold ran out").isEqualTo(SeatStatus.AVAILABLE);
    assertThat(map.seats().stream().filter(s -> s.status() == SeatStatus.AVAILABLE)).hasSize(48);
    assertThat(map.seats().get(0).price()).isEqualTo(SmallCatalog.VIP_PRICE);
    assertThat(map.seats().get(10).price()).isEqualTo(SmallCatalog.PRICE);
    assertThat(app.showReservation().show("bob", bobs).status()).isEqualTo(ReservationStatus.CONFIRMED);

    assertThat(refusal(() -> app.showSeatMap().show("alice", CONCERT, "no-such-date", alice))).isEqualTo(Refusal.SCHEDULE_NOT_FOUND);
    assertThat(refusal(() -> app.showSeatMap().show("alice", CONCERT, SmallCatalog.OTHER, alice))).isEqualTo(Refusal.SCHEDULE_NOT_FOUND);
    assertThat(refusal(() -> app.showSeatMap().show("alice", SmallCatalog.OTHER_CONCERT, SmallCatalog.OTHER, alice)))
        .isEqualTo(Refusal.TOKEN_FORBIDDEN);
  }

  @Test
  void dates_hide_the_past_and_the_sold_out_and_count_run_out_holds_as_free(TestTable table) {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");
    Optional<QueueTokenId> alice = QueueTokenId.parse(token);
    reserve(app, "alice", token, CONCERT, LATER, 1);
    clock.advance(HOLD.plusSeconds(1));
    reserve(app, "alice", token, CONCERT, LATER, 2);
    reserve(app, "alice", token, CONCERT, LATER, 3);
    // SOON sells out: ten seats sold, forty held.
    for (int seatNo = 1; seatNo <= 50; seatNo++) {
      String id = reserve(app, "alice", token, CONCERT, SOON, seatNo).reservation().reservationId();
      if (seatNo <= 10) {
        confirm(app, table, id, clock.instant());
      }
    }

    BookableDates dates = app.listBookableDates().list("alice", CONCERT, alice);

    assertThat(dates.concertId()).isEqualTo(CONCERT);
    assertThat(dates.schedules()).extracting(BookableDate::scheduleId, BookableDate::availableSeats, BookableDate::totalSeats)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(LATER, 48, 50), org.assertj.core.groups.Tuple.tuple(LAST, 50, 50));
    BookableDate later = dates.schedules().get(0);
    assertThat(later.startsAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    assertThat(later.date()).isEqualTo(java.time.LocalDate.parse("2026-12-02"));

    // Once the forty holds run out, SOON is bookable again without any release step.
    clock.advance(HOLD);
    assertThat(app.listBookableDates().list("alice", CONCERT, alice).schedules())
        .extracting(BookableDate::scheduleId, BookableDate::availableSeats)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(SOON, 40), org.assertj.core.groups.Tuple.tuple(LATER, 50),
            org.assertj.core.groups.Tuple.tuple(LAST, 50));
  }
}
