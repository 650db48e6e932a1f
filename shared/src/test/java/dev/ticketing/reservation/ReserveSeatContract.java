package dev.ticketing.reservation;

import static dev.ticketing.testing.SmallCatalog.CONCERT;
import static dev.ticketing.testing.SmallCatalog.LATER;
import static dev.ticketing.testing.SmallCatalog.OTHER;
import static dev.ticketing.testing.SmallCatalog.OTHER_CONCERT;
import static dev.ticketing.testing.SmallCatalog.PAST;
import static dev.ticketing.testing.SmallCatalog.PRICE;
import static dev.ticketing.testing.SmallCatalog.SOON;
import static dev.ticketing.testing.SmallCatalog.VIP_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.RequestCounter;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Holding orders of seats, through the real object graph, on every engine (see the *On*Test classes). */
abstract class ReserveSeatContract {
  static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  static final Duration HOLD = Duration.ofSeconds(300);
  /** Sessions long enough that moving the clock past a hold never ends them. */
  static final Map<String, String> ENV = Map.of("QUEUE_MAX_ACTIVE", "2000", "ACTIVE_TTL_SECONDS", "86400",
      "ADMISSION_GRACE_SECONDS", "86400", "HOLD_TTL_SECONDS", "300");

  private final MutableClock clock = new MutableClock(T0);

  private TestComponent app(TestTable table) {
    return app(table, Map.of());
  }

  private TestComponent app(TestTable table, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(ENV);
    env.putAll(more);
    TestComponent app = TestApp.on(table, clock, env);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    return app;
  }

  static ReserveSeat.Result reserve(TestComponent app, String user, String token, String concertId, String scheduleId,
      Integer... seatNos) {
    return app.reserveSeat().reserve(user, ReserveRequest.of(concertId, scheduleId, seatNos), QueueTokenId.parse(token));
  }

  static Refusal refusal(ThrowingCallable call) {
    return refused(call).refusal();
  }

  static Refused refused(ThrowingCallable call) {
    Refused refused = catchThrowableOfType(Refused.class, call);
    assertThat(refused).as("a refusal").isNotNull();
    return refused;
  }

  @Test
  void holds_an_order_of_seats_and_stores_it_with_the_ticket_count_in_the_same_write(TestTable table) {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");

    ReserveSeat.Result result = reserve(app, "alice", token, CONCERT, SOON, 12, 7, 8);

    assertThat(result).isInstanceOf(ReserveSeat.Result.Created.class);
    ReservationView view = result.reservation();
    assertThat(view).isEqualTo(new ReservationView(view.reservationId(), CONCERT, SOON, List.of(7, 8, 12),
        List.of(new ReservedSeat(7, VIP_PRICE), new ReservedSeat(8, VIP_PRICE), new ReservedSeat(12, PRICE)),
        2 * VIP_PRICE + PRICE, ReservationStatus.HELD, T0.plus(HOLD)));
    assertThat(view.reservationId()).matches("[A-Za-z0-9_-]{22}");

    for (int seatNo : List.of(7, 8, 12)) {
      Map<String, AttributeValue> seat = ReservationTables.seat(table, CONCERT, SOON, seatNo);
      assertThat(Items.string(seat, "status")).isEqualTo("HELD");
      assertThat(Items.string(seat, "holdUserId")).isEqualTo("alice");
      assertThat(Items.string(seat, "reservationId")).isEqualTo(view.reservationId());
      assertThat(Items.number(seat, "holdExpiresAt")).isEqualTo(T0.plus(HOLD).toEpochMilli());
    }
    Map<String, AttributeValue> reservation = ReservationTables.reservation(table, view.reservationId());
    assertThat(Items.string(reservation, "userId")).isEqualTo("alice");
    assertThat(Items.number(reservation, "price")).isEqualTo(2 * VIP_PRICE + PRICE);
    assertThat(reservation.get("seats").l()).extracting(seat -> seat.m().get("seatNo").n()).containsExactly("7", "8", "12");
    assertThat(Items.string(reservation, "gsi1pk")).isEqualTo("HOLDS#" + CONCERT);
    assertThat(Items.string(reservation, "gsi1sk")).isEqualTo(String.format("%015d#%s", T0.plus(HOLD).toEpochMilli(), view.reservationId()));
    TicketCount count = ReservationTables.count(table, "alice", CONCERT);
    assertThat(count.holds()).containsExactly(new TicketCount.ListedHold(view.reservationId(), SOON, List.of(7, 8, 12), T0.plus(HOLD)));
    assertThat(count.paidSeats()).isZero();
    assertThat(count.version()).isEqualTo(1);
    assertThat(app.showReservation().show("alice", view.reservationId())).isEqualTo(view);
    // The one-seat form of earlier clients is an order of one seat.
    ReservationView single = app.reserveSeat().reserve("alice", new ReserveRequest(CONCERT, LATER, null, 3),
        QueueTokenId.parse(token)).reservation();
    assertThat(single.seatNos()).containsExactly(3);
    assertThat(single.price()).isEqualTo(VIP_PRICE);
  }

  @Test
  void an_order_is_held_all_or_nothing_and_the_refusal_names_the_seats_taken(TestTable table) {
    TestComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("alice", "bob"), 2);
    String bobs = reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 10, 11).reservation().reservationId();

    Refused taken = refused(() -> reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 9, 10, 11, 12));

    assertThat(taken.refusal()).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    assertThat(taken.detail()).isEqualTo("seats 10, 11 are held or sold");
    assertThat(taken.members()).containsEntry("seatNos", List.of(10, 11));
    for (int free : List.of(9, 12)) {
      assertThat(Items.string(ReservationTables.seat(table, CONCERT, SOON, free), "status")).as("seat " + free).isEqualTo("AVAILABLE");
    }
    assertThat(ReservationTables.allReservations(table)).extracting(r -> Items.string(r, "reservationId")).containsExactly(bobs);
    assertThat(ReservationTables.count(table, "alice", CONCERT)).isEqualTo(TicketCount.none("alice", CONCERT));

    // A seat the caller holds under another reservation is taken too.
    reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 20);
    Refused own = refused(() -> reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 20, 21));
    assertThat(own.refusal()).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    assertThat(own.members()).containsEntry("seatNos", List.of(20));
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, SOON, 21), "status")).isEqualTo("AVAILABLE");
  }

  @Test
  void a_retry_gets_the_same_reservation_and_anyone_else_a_conflict(TestTable table) {
    TestComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("alice", "bob"), 2);
    ReservationView first = reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 12, 13).reservation();
    reserve(app, "alice", tokens.get("alice"), CONCERT, LATER, 1, 2);
    clock.advance(Duration.ofSeconds(10));

    // At the limit, a retry of a hold the caller has is still answered with it.
    ReserveSeat.Result retry = reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 13, 12);
    assertThat(retry).isInstanceOf(ReserveSeat.Result.Existing.class);
    assertThat(retry.reservation()).isEqualTo(first);
    assertThat(refusal(() -> reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 12))).isEqualTo(Refusal.TICKET_LIMIT);

    assertThat(refusal(() -> reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 12, 13))).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    assertThat(ReservationTables.allReservations(table)).hasSize(2);
    // Nobody else can read it, and to them it does not exist.
    assertThat(refusal(() -> app.showReservation().show("bob", first.reservationId()))).isEqualTo(Refusal.RESERVATION_NOT_FOUND);
    assertThat(refusal(() -> app.showReservation().show("alice", "no-such-reservation"))).isEqualTo(Refusal.RESERVATION_NOT_FOUND);
  }

  @Test
  void a_hold_runs_out_after_the_hold_time_and_its_reservation_reads_expired(TestTable table) {
    TestComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("alice", "bob"), 2);
    ReservationView alices = reserve(app, "alice", tokens.get("alice"), CONCERT, LATER, 30, 31).reservation();

    clock.set(T0.plus(HOLD).minusMillis(1));
    assertThat(refusal(() -> reserve(app, "bob", tokens.get("bob"), CONCERT, LATER, 31))).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    assertThat(app.showReservation().show("alice", alices.reservationId()).status()).isEqualTo(ReservationStatus.HELD);

    clock.set(T0.plus(HOLD));
    // Before any release step has run: the seats are free and Alice's reservation is over.
    ReserveSeat.Result bobs = reserve(app, "bob", tokens.get("bob"), CONCERT, LATER, 30);
    assertThat(bobs).isInstanceOf(ReserveSeat.Result.Created.class);
    assertThat(bobs.reservation().holdExpiresAt()).isEqualTo(T0.plus(HOLD).plus(HOLD));
    assertThat(app.showReservation().show("alice", alices.reservationId()).status()).isEqualTo(ReservationStatus.EXPIRED);
    assertThat(refusal(() -> reserve(app, "alice", tokens.get("alice"), CONCERT, LATER, 30))).isEqualTo(Refusal.SEAT_UNAVAILABLE);

    // The release step frees the seat still Alice's, settles her record and leaves Bob's hold alone.
    ReleaseExpiredHolds.Outcome outcome = app.releaseExpiredHolds().release(CONCERT);
    assertThat(outcome).isEqualTo(new ReleaseExpiredHolds.Outcome(1, 1));
    assertThat(Items.string(ReservationTables.reservation(table, alices.reservationId()), "status")).isEqualTo("EXPIRED");
    Map<String, AttributeValue> seat = ReservationTables.seat(table, CONCERT, LATER, 30);
    assertThat(Items.string(seat, "status")).isEqualTo("HELD");
    assertThat(Items.string(seat, "reservationId")).isEqualTo(bobs.reservation().reservationId());
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, LATER, 31), "status")).isEqualTo("AVAILABLE");
    assertThat(app.showReservation().show("bob", bobs.reservation().reservationId()).status()).isEqualTo(ReservationStatus.HELD);
  }

  @Test
  void a_hold_never_outlives_the_turn_that_made_it(TestTable table) {
    TestComponent app = app(table, Map.of("ACTIVE_TTL_SECONDS", "120"));
    String token = Admitted.user(app, CONCERT, "alice");
    clock.advance(Duration.ofSeconds(30));

    ReservationView held = reserve(app, "alice", token, CONCERT, SOON, 5).reservation();

    // Admitted at T0 for 120 s: the hold ends with the turn, not 300 s after it was made.
    assertThat(held.holdExpiresAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(Items.number(ReservationTables.seat(table, CONCERT, SOON, 5), "holdExpiresAt"))
        .isEqualTo(T0.plusSeconds(120).toEpochMilli());
  }

  @Test
  void unknown_and_foreign_dates_are_not_found_and_started_dates_not_bookable(TestTable table) {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");

    assertThat(refusal(() -> reserve(app, "alice", token, CONCERT, "no-such-date", 1))).isEqualTo(Refusal.SCHEDULE_NOT_FOUND);
    // A date of another concert is not a date of this one, whatever the token says.
    assertThat(refusal(() -> reserve(app, "alice", token, CONCERT, OTHER, 1))).isEqualTo(Refusal.SCHEDULE_NOT_FOUND);
    assertThat(refusal(() -> reserve(app, "alice", token, CONCERT, PAST, 1, 2))).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    // The token's concert must be the body's.
    assertThat(refusal(() -> reserve(app, "alice", token, OTHER_CONCERT, OTHER, 1))).isEqualTo(Refusal.TOKEN_FORBIDDEN);
    assertThat(refusal(() -> reserve(app, "alice", "garbage", CONCERT, SOON, 1))).isEqualTo(Refusal.TOKEN_INVALID);
    assertThat(ReservationTables.allReservations(table)).isEmpty();
    assertThat(Items.string(ReservationTables.seat(table, OTHER_CONCERT, OTHER, 1), "status")).isEqualTo("AVAILABLE");
  }

  @Test
  void an_order_of_more_seats_than_allowed_is_invalid_and_changes_nothing(TestTable table) {
    TestComponent app = app(table, Map.of("MAX_SEATS_PER_ORDER", "2"));
    String token = Admitted.user(app, CONCERT, "alice");

    Refused tooMany = refused(() -> reserve(app, "alice", token, CONCERT, SOON, 1, 2, 3));

    assertThat(tooMany.refusal()).isEqualTo(Refusal.INVALID_INPUT);
    assertThat(tooMany.detail()).isEqualTo("seatNos: an order has at most 2 seats");
    assertThat(ReservationTables.allReservations(table)).isEmpty();
    assertThat(reserve(app, "alice", token, CONCERT, SOON, 1, 2)).isInstanceOf(ReserveSeat.Result.Created.class);
    assertThat(refused(() -> ReserveRequest.of(CONCERT, SOON, 4, 4)).detail()).isEqualTo("seatNos: must not name a seat twice");
    assertThat(refused(() -> ReserveRequest.of(CONCERT, SOON)).detail()).isEqualTo("seatNos: must name at least one seat");
    assertThat(refused(() -> ReserveRequest.of(CONCERT, SOON, 1, 51)).detail()).startsWith("seatNos:");
    assertThat(refused(() -> new ReserveRequest(CONCERT, SOON, List.of(1), 1)).detail()).startsWith("seatNo:");
  }

  @Test
  void a_price_changed_behind_the_kept_terms_is_noticed_and_recorded(TestTable table) {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");
    reserve(app, "alice", token, CONCERT, SOON, 1);
    table.client().updateItem(r -> r.tableName(table.name())
        .key(SeatItems.key(new SeatId(CONCERT, SOON, 20)))
        .updateExpression("SET price = :p").expressionAttributeValues(Map.of(":p", Items.n(95_000))));

    ReservationView view = reserve(app, "alice", token, CONCERT, SOON, 20, 21).reservation();

    assertThat(view.seats()).containsExactly(new ReservedSeat(20, 95_000), new ReservedSeat(21, PRICE));
    assertThat(view.price()).isEqualTo(95_000 + PRICE);
    assertThat(Items.number(ReservationTables.reservation(table, view.reservationId()), "price")).isEqualTo(95_000 + PRICE);
  }

  @Test
  void requests_per_call_stay_within_the_budgets(TestTable table) {
    RequestCounter counter = new RequestCounter();
    TestTable counted = table.through(counter);
    TestComponent app = TestApp.on(counted, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("alice", "bob"), 1);
    Optional<QueueTokenId> alice = QueueTokenId.parse(tokens.get("alice"));
    counter.drain();

    app.listBookableDates().list("alice", CONCERT, alice);
    assertThat(counter.drain()).as("dates, first gated use").containsExactly("GetItem", "UpdateItem", "Query");
    app.listBookableDates().list("alice", CONCERT, alice);
    assertThat(counter.drain()).as("dates").containsExactly("GetItem", "Query");
    app.showSeatMap().show("alice", CONCERT, SOON, alice);
    assertThat(counter.drain()).as("seat map").containsExactly("GetItem", "Query");

    ReservationView held = reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 1).reservation();
    assertThat(counter.drain()).as("hold of one seat, first of this date in this instance")
        .containsExactly("BatchGetItem", "Query", "TransactWriteItems");
    reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 2, 3, 4);
    assertThat(counter.drain()).as("hold of three seats").containsExactly("BatchGetItem", "TransactWriteItems");
    reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 2, 3, 4);
    assertThat(counter.drain()).as("a repeated hold").containsExactly("BatchGetItem");
    reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 5, 6, 7, 8);
    assertThat(counter.drain()).as("hold of four seats, first gated use")
        .containsExactly("BatchGetItem", "UpdateItem", "TransactWriteItems");
    clock.advance(HOLD);
    // The gate reads the queue's shared state (a closed sale ends every turn), which an instance
    // keeps for a second; like a poll's, that read is not counted in a budget (docs/design.md, "Budgets").
    app.queueBoard().show(CONCERT);
    counter.drain();
    reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 9);
    assertThat(counter.drain()).as("hold that expires the caller's hold that ran out").containsExactly("BatchGetItem", "TransactWriteItems");
    assertThat(refusal(() -> reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 9, 10))).isEqualTo(Refusal.SEAT_UNAVAILABLE);
    assertThat(counter.drain()).as("refused hold reads the count and the seats")
        .containsExactly("BatchGetItem", "TransactWriteItems", "BatchGetItem");
    app.showReservation().show("alice", held.reservationId());
    assertThat(counter.drain()).as("reservation").containsExactly("GetItem");
    counted.client().close();
  }
}
