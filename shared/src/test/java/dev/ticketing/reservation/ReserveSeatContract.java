package dev.ticketing.reservation;

import static dev.ticketing.testing.SmallCatalog.CONCERT;
import static dev.ticketing.testing.SmallCatalog.LATER;
import static dev.ticketing.testing.SmallCatalog.OTHER;
import static dev.ticketing.testing.SmallCatalog.OTHER_CONCERT;
import static dev.ticketing.testing.SmallCatalog.PAST;
import static dev.ticketing.testing.SmallCatalog.SOON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.RequestCounter;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.wiring.AppComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Holding seats, through the real object graph, on every engine (see the *On*Test classes). */
abstract class ReserveSeatContract {
  static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  static final Duration HOLD = Duration.ofSeconds(300);
  /** Sessions long enough that moving the clock past a hold never ends them. */
  static final Map<String, String> ENV = Map.of("QUEUE_MAX_ACTIVE", "2000", "ACTIVE_TTL_SECONDS", "86400",
      "ADMISSION_GRACE_SECONDS", "86400", "HOLD_TTL_SECONDS", "300");

  private final MutableClock clock = new MutableClock(T0);

  private AppComponent app(TestTable table) {
    AppComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    return app;
  }

  static ReserveSeat.Result reserve(AppComponent app, String user, String token, String concertId, String scheduleId, int seatNo) {
    return app.reserveSeat().reserve(user, new ReserveRequest(concertId, scheduleId, seatNo), Optional.of(token));
  }

  static Refusal refusal(ThrowingCallable call) {
    Refused refused = catchThrowableOfType(Refused.class, call);
    assertThat(refused).as("a refusal").isNotNull();
    return refused.refusal();
  }

  @Test
  void holds_a_free_seat_and_stores_its_reservation_in_the_same_write(TestTable table) {
    AppComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");

    ReserveSeat.Result result = reserve(app, "alice", token, CONCERT, SOON, 7);

    assertThat(result).isInstanceOf(ReserveSeat.Result.Created.class);
    ReservationView view = result.reservation();
    assertThat(view).isEqualTo(new ReservationView(view.reservationId(), CONCERT, SOON, 7, SmallCatalog.VIP_PRICE,
        ReservationStatus.HELD, T0.plus(HOLD)));
    assertThat(view.reservationId()).matches("[A-Za-z0-9_-]{22}");

    Map<String, AttributeValue> seat = ReservationTables.seat(table, CONCERT, SOON, 7);
    assertThat(Items.string(seat, "status")).isEqualTo("HELD");
    assertThat(Items.string(seat, "holdUserId")).isEqualTo("alice");
    assertThat(Items.string(seat, "reservationId")).isEqualTo(view.reservationId());
    assertThat(Items.number(seat, "holdExpiresAt")).isEqualTo(T0.plus(HOLD).toEpochMilli());
    Map<String, AttributeValue> reservation = ReservationTables.reservation(table, view.reservationId());
    assertThat(Items.string(reservation, "userId")).isEqualTo("alice");
    assertThat(Items.number(reservation, "price")).isEqualTo(SmallCatalog.VIP_PRICE);
    assertThat(Items.string(reservation, "gsi1pk")).isEqualTo("HOLDS#" + CONCERT);
    assertThat(Items.string(reservation, "gsi1sk")).isEqualTo(String.format("%015d#%s", T0.plus(HOLD).toEpochMilli(), view.reservationId()));
    assertThat(app.showReservation().show("alice", view.reservationId())).isEqualTo(view);
  }

  @Test
  void a_retry_gets_the_same_reservation_and_anyone_else_a_conflict(TestTable table) {
    AppComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, java.util.List.of("alice", "bob"), 2);
    ReservationView first = reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 12).reservation();
    clock.advance(Duration.ofSeconds(10));

    ReserveSeat.Result retry = reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 12);
    assertThat(retry).isInstanceOf(ReserveSeat.Result.Existing.class);
    assertThat(retry.reservation()).isEqualTo(first);

    assertThat(refusal(() -> reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 12))).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    assertThat(ReservationTables.allReservations(table)).hasSize(1);
    // Nobody else can read it, and to them it does not exist.
    assertThat(refusal(() -> app.showReservation().show("bob", first.reservationId()))).isEqualTo(Refusal.RESERVATION_NOT_FOUND);
    assertThat(refusal(() -> app.showReservation().show("alice", "no-such-reservation"))).isEqualTo(Refusal.RESERVATION_NOT_FOUND);
  }

  @Test
  void a_hold_runs_out_after_the_hold_time_and_its_reservation_reads_expired(TestTable table) {
    AppComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, java.util.List.of("alice", "bob"), 2);
    ReservationView alices = reserve(app, "alice", tokens.get("alice"), CONCERT, LATER, 30).reservation();

    clock.set(T0.plus(HOLD).minusMillis(1));
    assertThat(refusal(() -> reserve(app, "bob", tokens.get("bob"), CONCERT, LATER, 30))).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    assertThat(app.showReservation().show("alice", alices.reservationId()).status()).isEqualTo(ReservationStatus.HELD);

    clock.set(T0.plus(HOLD));
    // Before any release step has run: the seat is free and Alice's reservation is over.
    ReserveSeat.Result bobs = reserve(app, "bob", tokens.get("bob"), CONCERT, LATER, 30);
    assertThat(bobs).isInstanceOf(ReserveSeat.Result.Created.class);
    assertThat(bobs.reservation().holdExpiresAt()).isEqualTo(T0.plus(HOLD).plus(HOLD));
    assertThat(app.showReservation().show("alice", alices.reservationId()).status()).isEqualTo(ReservationStatus.EXPIRED);
    assertThat(refusal(() -> reserve(app, "alice", tokens.get("alice"), CONCERT, LATER, 30))).isEqualTo(Refusal.SEAT_UNAVAILABLE);

    // The release step settles Alice's record and leaves Bob's hold alone.
    ReleaseExpiredHolds.Outcome outcome = app.releaseExpiredHolds().release(CONCERT);
    assertThat(outcome).isEqualTo(new ReleaseExpiredHolds.Outcome(0, 1));
    assertThat(Items.string(ReservationTables.reservation(table, alices.reservationId()), "status")).isEqualTo("EXPIRED");
    Map<String, AttributeValue> seat = ReservationTables.seat(table, CONCERT, LATER, 30);
    assertThat(Items.string(seat, "status")).isEqualTo("HELD");
    assertThat(Items.string(seat, "reservationId")).isEqualTo(bobs.reservation().reservationId());
    assertThat(app.showReservation().show("bob", bobs.reservation().reservationId()).status()).isEqualTo(ReservationStatus.HELD);
  }

  @Test
  void unknown_and_foreign_dates_are_not_found_and_started_dates_not_bookable(TestTable table) {
    AppComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");

    assertThat(refusal(() -> reserve(app, "alice", token, CONCERT, "no-such-date", 1))).isEqualTo(Refusal.SCHEDULE_NOT_FOUND);
    // A date of another concert is not a date of this one, whatever the token says.
    assertThat(refusal(() -> reserve(app, "alice", token, CONCERT, OTHER, 1))).isEqualTo(Refusal.SCHEDULE_NOT_FOUND);
    assertThat(refusal(() -> reserve(app, "alice", token, CONCERT, PAST, 1))).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    // The token's concert must be the body's.
    assertThat(refusal(() -> reserve(app, "alice", token, OTHER_CONCERT, OTHER, 1))).isEqualTo(Refusal.TOKEN_FORBIDDEN);
    assertThat(refusal(() -> reserve(app, "alice", "garbage", CONCERT, SOON, 1))).isEqualTo(Refusal.TOKEN_INVALID);
    assertThat(ReservationTables.allReservations(table)).isEmpty();
    assertThat(Items.string(ReservationTables.seat(table, OTHER_CONCERT, OTHER, 1), "status")).isEqualTo("AVAILABLE");
  }

  @Test
  void a_price_changed_behind_the_kept_terms_is_noticed_and_recorded(TestTable table) {
    AppComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");
    reserve(app, "alice", token, CONCERT, SOON, 1);
    table.client().updateItem(r -> r.tableName(table.name())
        .key(SeatItems.key(new SeatId(CONCERT, SOON, 20)))
        .updateExpression("SET price = :p").expressionAttributeValues(Map.of(":p", Items.n(95_000))));

    ReservationView view = reserve(app, "alice", token, CONCERT, SOON, 20).reservation();

    assertThat(view.price()).isEqualTo(95_000);
    assertThat(Items.number(ReservationTables.reservation(table, view.reservationId()), "price")).isEqualTo(95_000);
  }

  @Test
  void requests_per_call_stay_within_the_budgets(TestTable table) {
    RequestCounter counter = new RequestCounter();
    TestTable counted = table.through(counter);
    AppComponent app = TestApp.on(counted, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    Map<String, String> tokens = Admitted.users(app, CONCERT, java.util.List.of("alice", "bob"), 1);
    Optional<String> alice = Optional.of(tokens.get("alice"));
    counter.drain();

    app.listBookableDates().list("alice", CONCERT, alice);
    assertThat(counter.drain()).as("dates, first gated use").containsExactly("GetItem", "UpdateItem", "Query");
    app.listBookableDates().list("alice", CONCERT, alice);
    assertThat(counter.drain()).as("dates").containsExactly("GetItem", "Query");
    app.showSeatMap().show("alice", CONCERT, SOON, alice);
    assertThat(counter.drain()).as("seat map").containsExactly("GetItem", "Query");

    ReservationView held = reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 1).reservation();
    assertThat(counter.drain()).as("hold, first of this date in this instance").containsExactly("GetItem", "Query", "TransactWriteItems");
    reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 2);
    assertThat(counter.drain()).as("hold").containsExactly("GetItem", "TransactWriteItems");
    reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 3);
    assertThat(counter.drain()).as("hold, first gated use").containsExactly("GetItem", "UpdateItem", "TransactWriteItems");
    assertThat(refusal(() -> reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 1))).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    assertThat(counter.drain()).as("refused hold reads the seat").containsExactly("GetItem", "TransactWriteItems", "GetItem");
    app.showReservation().show("alice", held.reservationId());
    assertThat(counter.drain()).as("reservation").containsExactly("GetItem");
    counted.client().close();
  }
}
