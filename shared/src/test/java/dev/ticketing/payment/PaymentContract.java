package dev.ticketing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.invariants.Ledger;
import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.reservation.ReservationView;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.reservation.TicketCount;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Payments against every engine (dynoxide; LocalStack where Docker runs): atomic, once per reservation, once per token, for the stored price. */
abstract class PaymentContract {
  private static final String CONCERT = SmallCatalog.CONCERT;
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");

  private TestComponent app(TestTable table) {
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "100", "HOLD_TTL_SECONDS", "300"));
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant(), SmallCatalog.SOON, SmallCatalog.LATER));
    return app;
  }

  private static void charge(TestComponent app, String user, long amount) {
    app.chargeBalance().charge(user, IdempotencyKey.ofRequest("charge-" + user + "-" + amount), new ChargeRequest(amount));
  }

  private static ReservationView hold(TestComponent app, String user, String token, Integer... seatNos) {
    return hold(app, user, token, SmallCatalog.SOON, seatNos);
  }

  private static ReservationView hold(TestComponent app, String user, String token, String date, Integer... seatNos) {
    return app.reserveSeat().reserve(user, ReserveRequest.of(CONCERT, date, seatNos), QueueTokenId.parse(token)).reservation();
  }

  private static PayForReservation.Result pay(TestComponent app, String user, String token, String reservationId) {
    return app.payForReservation().pay(user, Optional.ofNullable(token).flatMap(QueueTokenId::parse), new PaymentRequest(reservationId));
  }

  @Test
  void paying_an_order_sells_every_seat_for_the_sum_of_their_prices_and_moves_the_count(TestTable table) {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "frank");
    charge(app, "frank", 500_000);
    ReservationView held = hold(app, "frank", token, 12, 7, 8);

    Payment payment = pay(app, "frank", token, held.reservationId()).payment();

    assertThat(payment.amount()).isEqualTo(2 * SmallCatalog.VIP_PRICE + SmallCatalog.PRICE).isEqualTo(held.price());
    assertThat(payment.seatNos()).containsExactly(7, 8, 12);
    assertThat(app.getBalance().of("frank").balance()).isEqualTo(500_000 - held.price());
    for (int seatNo : List.of(7, 8, 12)) {
      Map<String, AttributeValue> seat = ReservationTables.seat(table, CONCERT, SmallCatalog.SOON, seatNo);
      assertThat(Items.string(seat, "status")).isEqualTo("SOLD");
      assertThat(Items.string(seat, "holdUserId")).isEqualTo("frank");
    }
    TicketCount count = ReservationTables.count(table, "frank", CONCERT);
    assertThat(count.paidSeats()).isEqualTo(3);
    assertThat(count.holds()).isEmpty();
    assertThat(app.listPayments().list("frank", new PageRequest(20, Optional.empty())).items()).containsExactly(payment);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  @Test
  void paying_releases_the_payers_other_holds_of_the_concert(TestTable table) {
    TestComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("gina", "hank"), 2);
    String gina = tokens.get("gina");
    charge(app, "gina", 500_000);
    ReservationView paid = hold(app, "gina", gina, 30);
    ReservationView other = hold(app, "gina", gina, 31, 32);
    ReservationView elsewhere = hold(app, "gina", gina, SmallCatalog.LATER, 1);

    pay(app, "gina", gina, paid.reservationId());

    for (ReservationView released : List.of(other, elsewhere)) {
      assertThat(app.showReservation().show("gina", released.reservationId()).status()).isEqualTo(ReservationStatus.RELEASED);
    }
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, SmallCatalog.SOON, 31), "status")).isEqualTo("AVAILABLE");
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, SmallCatalog.LATER, 1), "status")).isEqualTo("AVAILABLE");
    TicketCount count = ReservationTables.count(table, "gina", CONCERT);
    assertThat(count.holds()).isEmpty();
    assertThat(count.paidSeats()).isEqualTo(1);
    // The seats are free at once: Hank holds them without waiting for any release step.
    assertThat(hold(app, "hank", tokens.get("hank"), 31, 32).seatNos()).containsExactly(31, 32);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  @Test
  void paying_again_passes_the_gate_but_accepts_the_token_that_paid(TestTable table) {
    TestComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("ivy", "jack"), 2);
    String ivy = tokens.get("ivy");
    charge(app, "ivy", 500_000);
    String reservationId = hold(app, "ivy", ivy, 40).reservationId();
    Payment payment = pay(app, "ivy", ivy, reservationId).payment();

    // The token that paid is spent (EXPIRED), and still accepted for this repeat.
    assertThat(pay(app, "ivy", ivy, reservationId)).isEqualTo(new PayForReservation.Result.AlreadyPaid(payment));
    assertProblem(Refusal.TOKEN_INVALID, () -> pay(app, "ivy", null, reservationId));
    assertProblem(Refusal.TOKEN_INVALID, () -> pay(app, "ivy", "not a token", reservationId));
    assertProblem(Refusal.TOKEN_FORBIDDEN, () -> pay(app, "ivy", tokens.get("jack"), reservationId));
    // A new turn of hers passes the gate as any gated request would.
    String again = Admitted.user(app, CONCERT, "ivy");
    assertThat(pay(app, "ivy", again, reservationId).payment()).isEqualTo(payment);
    assertThat(app.getBalance().of("ivy").balance()).isEqualTo(500_000 - SmallCatalog.PRICE);
  }

  @Test
  void paying_sells_the_seat_debits_the_price_records_the_payment_and_spends_the_token(TestTable table) {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");
    charge(app, "alice", 200_000);
    ReservationView held = hold(app, "alice", token, 3);

    PayForReservation.Result result = app.payForReservation().pay("alice", QueueTokenId.parse(token), new PaymentRequest(held.reservationId()));

    assertThat(result).isInstanceOf(PayForReservation.Result.Paid.class);
    Payment payment = result.payment();
    assertThat(payment.amount()).isEqualTo(SmallCatalog.VIP_PRICE);
    assertThat(payment.seatNos()).containsExactly(3);
    assertThat(payment.paidAt()).isEqualTo(clock.instant());
    assertThat(app.getBalance().of("alice").balance()).isEqualTo(200_000 - SmallCatalog.VIP_PRICE);
    assertThat(app.showReservation().show("alice", held.reservationId()).status()).isEqualTo(ReservationStatus.CONFIRMED);
    assertThat(app.queueStatus().status("alice", QueueTokenId.parse(token)).status()).isEqualTo(QueueToken.Status.EXPIRED);
    assertThat(app.listPayments().list("alice", new PageRequest(20, Optional.empty())).items()).containsExactly(payment);

    // The same reservation again, with the token now spent: the same payment, no second debit.
    PayForReservation.Result again = app.payForReservation().pay("alice", QueueTokenId.parse(token), new PaymentRequest(held.reservationId()));
    assertThat(again).isInstanceOf(PayForReservation.Result.AlreadyPaid.class);
    assertThat(again.payment()).isEqualTo(payment);
    assertThat(app.getBalance().of("alice").balance()).isEqualTo(200_000 - SmallCatalog.VIP_PRICE);
    // Another purchase needs a new turn.
    assertProblem(Refusal.TOKEN_EXPIRED, () -> hold(app, "alice", token, 4));
    // Another user cannot pay for it or see it.
    assertProblem(Refusal.RESERVATION_NOT_FOUND,
        () -> app.payForReservation().pay("mallory", QueueTokenId.parse(token), new PaymentRequest(held.reservationId())));
  }

  @Test
  void twenty_concurrent_payments_of_one_reservation_make_one_payment_and_one_debit(TestTable table) throws Exception {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "bob");
    charge(app, "bob", 1_000_000);
    ReservationView held = hold(app, "bob", token, 20);

    List<Object> outcomes = Concurrently.run(20, 20, i -> {
      try {
        return app.payForReservation().pay("bob", QueueTokenId.parse(token), new PaymentRequest(held.reservationId()));
      } catch (Refused e) {
        return e.refusal();
      }
    });

    assertThat(outcomes.stream().filter(o -> o instanceof PayForReservation.Result.Paid)).hasSize(1);
    Payment payment = outcomes.stream().filter(o -> o instanceof PayForReservation.Result.Paid)
        .map(o -> ((PayForReservation.Result) o).payment()).findFirst().orElseThrow();
    for (Object outcome : outcomes) {
      if (outcome instanceof PayForReservation.Result result) {
        assertThat(result.payment()).isEqualTo(payment);
      } else {
        assertThat(outcome).isIn(Refusal.TOKEN_EXPIRED, Refusal.HOLD_EXPIRED);
      }
    }
    assertThat(app.getBalance().of("bob").balance()).isEqualTo(1_000_000 - SmallCatalog.PRICE);
    assertThat(app.listPayments().list("bob", new PageRequest(100, Optional.empty())).items()).hasSize(1);
  }

  @Test
  void four_holds_paid_at_once_with_balance_for_two_make_exactly_one_payment(TestTable table) throws Exception {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "carol");
    charge(app, "carol", 2 * SmallCatalog.PRICE);
    List<String> reservations = new ArrayList<>();
    for (int seat = 21; seat <= 24; seat++) {
      reservations.add(hold(app, "carol", token, seat).reservationId());
    }

    List<Object> outcomes = Concurrently.run(4, 4, i -> {
      try {
        return app.payForReservation().pay("carol", QueueTokenId.parse(token), new PaymentRequest(reservations.get(i)));
      } catch (Refused e) {
        return e.refusal();
      }
    });

    assertThat(outcomes.stream().filter(o -> o instanceof PayForReservation.Result.Paid)).hasSize(1);
    assertThat(outcomes.stream().filter(o -> !(o instanceof PayForReservation.Result)))
        .allSatisfy(code -> assertThat(code).isIn(Refusal.TOKEN_EXPIRED, Refusal.HOLD_EXPIRED));
    assertThat(app.getBalance().of("carol").balance()).isEqualTo(SmallCatalog.PRICE);
    assertThat(app.listPayments().list("carol", new PageRequest(100, Optional.empty())).items()).hasSize(1);
    long confirmed = reservations.stream()
        .filter(id -> app.showReservation().show("carol", id).status() == ReservationStatus.CONFIRMED).count();
    assertThat(confirmed).isEqualTo(1);
  }

  @Test
  void an_expired_hold_or_a_short_balance_is_409_and_changes_nothing(TestTable table) {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "dave");
    charge(app, "dave", 100_000);
    ReservationView vip = hold(app, "dave", token, 1);

    assertProblem(Refusal.INSUFFICIENT_BALANCE,
        () -> app.payForReservation().pay("dave", QueueTokenId.parse(token), new PaymentRequest(vip.reservationId())));
    assertThat(app.getBalance().of("dave").balance()).isEqualTo(100_000);
    assertThat(app.showReservation().show("dave", vip.reservationId()).status()).isEqualTo(ReservationStatus.HELD);
    assertThat(app.queueStatus().status("dave", QueueTokenId.parse(token)).status()).isEqualTo(QueueToken.Status.ACTIVE);

    ReservationView cheap = hold(app, "dave", token, 30);
    clock.advance(Duration.ofSeconds(300));
    assertProblem(Refusal.HOLD_EXPIRED,
        () -> app.payForReservation().pay("dave", QueueTokenId.parse(token), new PaymentRequest(cheap.reservationId())));
    assertThat(app.getBalance().of("dave").balance()).isEqualTo(100_000);
    assertThat(app.listPayments().list("dave", new PageRequest(20, Optional.empty())).items()).isEmpty();
    assertThat(app.queueStatus().status("dave", QueueTokenId.parse(token)).status()).isEqualTo(QueueToken.Status.ACTIVE);
  }

  @Test
  void history_is_newest_first_and_pages_by_cursor(TestTable table) {
    TestComponent app = app(table);
    charge(app, "erin", 1_000_000);
    List<Payment> made = new ArrayList<>();
    for (int seat = 41; seat <= 44; seat++) {
      String token = Admitted.user(app, CONCERT, "erin");
      ReservationView held = hold(app, "erin", token, seat);
      made.add(0, app.payForReservation().pay("erin", QueueTokenId.parse(token), new PaymentRequest(held.reservationId())).payment());
      clock.advance(Duration.ofSeconds(1));
    }

    List<Payment> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    do {
      Page<Payment> page = app.listPayments().list("erin", new PageRequest(2, after));
      seen.addAll(page.items());
      after = page.continueAfter();
    } while (after.isPresent());
    assertThat(seen).isEqualTo(made);
    assertThat(app.getBalance().of("erin").balance()).isEqualTo(1_000_000 - 4 * SmallCatalog.PRICE);
  }

  private static void assertProblem(Refusal code, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(code));
  }
}
