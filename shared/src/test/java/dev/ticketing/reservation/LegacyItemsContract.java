package dev.ticketing.reservation;

import static dev.ticketing.reservation.ReserveSeatContract.ENV;
import static dev.ticketing.reservation.ReserveSeatContract.HOLD;
import static dev.ticketing.reservation.ReserveSeatContract.T0;
import static dev.ticketing.testing.SmallCatalog.CONCERT;
import static dev.ticketing.testing.SmallCatalog.SOON;
import static dev.ticketing.testing.SmallCatalog.VIP_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.invariants.Ledger;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.payment.PayForReservation;
import dev.ticketing.payment.Payment;
import dev.ticketing.payment.PaymentRequest;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import dev.ticketing.wiring.AppComponent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reservations and payments stored before orders existed (one {@code seatNo}, no ticket count),
 * written here in that shape: they read as one-seat orders, and a hold of that time can still be
 * paid, given up or run out. On every engine (see the *On*Test classes).
 */
abstract class LegacyItemsContract {
  private static final Instant PAID_AT = T0.minusSeconds(3_600);
  private final MutableClock clock = new MutableClock(T0);

  private AppComponent app(TestTable table) {
    AppComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    return app;
  }

  /** A HELD reservation of one seat and its seat, as the hold wrote them before orders. */
  private static void oldHold(TestTable table, String reservationId, String userId, int seatNo, Instant expires) {
    Map<String, AttributeValue> item = new HashMap<>(ReservationTables.reservationKey(reservationId));
    item.putAll(Map.of("reservationId", Items.s(reservationId), "userId", Items.s(userId), "concertId", Items.s(CONCERT),
        "scheduleId", Items.s(SOON), "seatNo", Items.n(seatNo), "price", Items.n(VIP_PRICE), "status", Items.s("HELD"),
        "heldAt", Items.n(expires.minus(HOLD).toEpochMilli()), "holdExpiresAt", Items.n(expires.toEpochMilli()),
        "gsi1pk", Items.s("HOLDS#" + CONCERT)));
    item.put("gsi1sk", Items.s(String.format("%015d#%s", expires.toEpochMilli(), reservationId)));
    ReservationTables.put(table, item);
    table.client().updateItem(r -> r.tableName(table.name()).key(SeatItems.key(new SeatId(CONCERT, SOON, seatNo)))
        .updateExpression("SET #status = :held, holdUserId = :user, reservationId = :rid, holdExpiresAt = :expires")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":held", Items.s("HELD"), ":user", Items.s(userId), ":rid", Items.s(reservationId),
            ":expires", Items.n(expires.toEpochMilli()))));
  }

  /** A paid reservation of one seat, its sold seat and its payment, as the payment wrote them before orders. */
  private static void oldPurchase(AppComponent app, TestTable table, String reservationId, String userId, int seatNo) {
    app.chargeBalance().charge(userId, IdempotencyKey.of(Optional.empty(), "old-top-up"), new ChargeRequest(VIP_PRICE));
    Map<String, AttributeValue> item = new HashMap<>(ReservationTables.reservationKey(reservationId));
    item.putAll(Map.of("reservationId", Items.s(reservationId), "userId", Items.s(userId), "concertId", Items.s(CONCERT),
        "scheduleId", Items.s(SOON), "seatNo", Items.n(seatNo), "price", Items.n(VIP_PRICE), "status", Items.s("CONFIRMED"),
        "heldAt", Items.n(PAID_AT.minusSeconds(60).toEpochMilli()), "holdExpiresAt", Items.n(PAID_AT.plusSeconds(240).toEpochMilli()),
        "confirmedAt", Items.n(PAID_AT.toEpochMilli())));
    ReservationTables.put(table, item);
    table.client().updateItem(r -> r.tableName(table.name()).key(SeatItems.key(new SeatId(CONCERT, SOON, seatNo)))
        .updateExpression("SET #status = :sold, holdUserId = :user, reservationId = :rid, soldAt = :at")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":sold", Items.s("SOLD"), ":user", Items.s(userId), ":rid", Items.s(reservationId),
            ":at", Items.n(PAID_AT.toEpochMilli()))));
    ReservationTables.put(table, Map.of("pk", Items.s("USER#" + userId),
        "sk", Items.s("PAYMENT#" + Payment.historyPosition(PAID_AT, reservationId)),
        "paymentId", Items.s("pay_" + reservationId), "reservationId", Items.s(reservationId), "userId", Items.s(userId),
        "amount", Items.n(VIP_PRICE), "paidAt", Items.n(PAID_AT.toEpochMilli()), "concertId", Items.s(CONCERT),
        "scheduleId", Items.s(SOON), "seatNo", Items.n(seatNo)));
    table.client().updateItem(r -> r.tableName(table.name()).key(Map.of("pk", Items.s("USER#" + userId), "sk", Items.s("BALANCE")))
        .updateExpression("SET balance = balance - :price").expressionAttributeValues(Map.of(":price", Items.n(VIP_PRICE))));
  }

  @Test
  void old_reservations_and_payments_read_as_one_seat_orders(TestTable table) {
    AppComponent app = app(table);
    oldHold(table, "old-held", "alice", 5, T0.plus(HOLD));
    oldPurchase(app, table, "old-paid", "alice", 6);

    ReservationView held = app.showReservation().show("alice", "old-held");
    assertThat(held).isEqualTo(new ReservationView("old-held", CONCERT, SOON, List.of(5), List.of(new ReservedSeat(5, VIP_PRICE)),
        VIP_PRICE, ReservationStatus.HELD, T0.plus(HOLD)));
    assertThat(app.showReservation().show("alice", "old-paid").seatNos()).containsExactly(6);
    assertThat(app.showReservation().show("alice", "old-paid").status()).isEqualTo(ReservationStatus.CONFIRMED);
    List<Payment> history = app.listPayments().list("alice", new PageRequest(20, Optional.empty())).items();
    assertThat(history).containsExactly(new Payment("pay_old-paid", "old-paid", "alice", VIP_PRICE, PAID_AT, CONCERT, SOON,
        List.of(6)));
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  @Test
  void an_old_hold_can_be_paid_given_up_or_left_to_run_out(TestTable table) {
    AppComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("alice", "bob"), 2);
    app.chargeBalance().charge("alice", IdempotencyKey.of(Optional.empty(), "top-up"), new ChargeRequest(500_000L));
    oldHold(table, "old-alice", "alice", 5, T0.plus(HOLD));
    oldHold(table, "old-bob", "bob", 6, T0.plus(HOLD));
    oldHold(table, "old-carol", "carol", 7, T0.plusSeconds(10));

    PayForReservation.Result paid = app.payForReservation().pay("alice", Optional.of(tokens.get("alice")),
        new PaymentRequest("old-alice"));
    assertThat(paid).isInstanceOf(PayForReservation.Result.Paid.class);
    assertThat(paid.payment().seatNos()).containsExactly(5);
    assertThat(paid.payment().amount()).isEqualTo(VIP_PRICE);
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, SOON, 5), "status")).isEqualTo("SOLD");
    // Paid now, so it counts from now on, though no count listed its hold.
    assertThat(ReservationTables.count(table, "alice", CONCERT).paidSeats()).isEqualTo(1);

    app.releaseReservation().release("bob", "old-bob");
    assertThat(app.showReservation().show("bob", "old-bob").status()).isEqualTo(ReservationStatus.RELEASED);
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, SOON, 6), "status")).isEqualTo("AVAILABLE");
    assertThat(ReservationTables.count(table, "bob", CONCERT)).isEqualTo(TicketCount.none("bob", CONCERT));

    clock.set(T0.plusSeconds(10));
    assertThat(app.releaseExpiredHolds().release(CONCERT)).isEqualTo(new ReleaseExpiredHolds.Outcome(1, 1));
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, SOON, 7), "status")).isEqualTo("AVAILABLE");
    assertThat(app.showReservation().show("carol", "old-carol").status()).isEqualTo(ReservationStatus.EXPIRED);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  @Test
  void an_old_payment_paid_again_is_answered_with_it_behind_the_gate(TestTable table) {
    AppComponent app = app(table);
    oldPurchase(app, table, "old-paid", "alice", 6);
    String token = Admitted.user(app, CONCERT, "alice");

    PayForReservation.Result again = app.payForReservation().pay("alice", Optional.of(token), new PaymentRequest("old-paid"));

    assertThat(again).isInstanceOf(PayForReservation.Result.AlreadyPaid.class);
    assertThat(again.payment().seatNos()).containsExactly(6);
    assertThat(app.getBalance().of("alice").balance()).isZero();
  }
}
