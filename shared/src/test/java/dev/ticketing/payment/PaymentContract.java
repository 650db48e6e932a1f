package dev.ticketing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.reservation.ReservationView;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import dev.ticketing.wiring.AppComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Payments against every engine (dynoxide; LocalStack where Docker runs): atomic, once per reservation, once per token, for the stored price. */
abstract class PaymentContract {
  private static final String CONCERT = SmallCatalog.CONCERT;
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");

  private AppComponent app(TestTable table) {
    AppComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "100", "HOLD_TTL_SECONDS", "300"));
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    return app;
  }

  private static void charge(AppComponent app, String user, long amount) {
    app.chargeBalance().charge(user, IdempotencyKey.of(Optional.empty(), "charge-" + user + "-" + amount), new ChargeRequest(amount));
  }

  private static ReservationView hold(AppComponent app, String user, String token, int seatNo) {
    return app.reserveSeat().reserve(user, new ReserveRequest(CONCERT, SmallCatalog.SOON, seatNo), Optional.of(token)).reservation();
  }

  @Test
  void paying_sells_the_seat_debits_the_price_records_the_payment_and_spends_the_token(TestTable table) {
    AppComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");
    charge(app, "alice", 200_000);
    ReservationView held = hold(app, "alice", token, 3);

    PayForReservation.Result result = app.payForReservation().pay("alice", Optional.of(token), new PaymentRequest(held.reservationId()));

    assertThat(result).isInstanceOf(PayForReservation.Result.Paid.class);
    Payment payment = result.payment();
    assertThat(payment.amount()).isEqualTo(SmallCatalog.VIP_PRICE);
    assertThat(payment.seatNo()).isEqualTo(3);
    assertThat(payment.paidAt()).isEqualTo(clock.instant());
    assertThat(app.getBalance().of("alice").balance()).isEqualTo(200_000 - SmallCatalog.VIP_PRICE);
    assertThat(app.showReservation().show("alice", held.reservationId()).status()).isEqualTo(ReservationStatus.CONFIRMED);
    assertThat(app.queueStatus().status("alice", Optional.of(token)).status()).isEqualTo(QueueToken.Status.EXPIRED);
    assertThat(app.listPayments().list("alice", new PageRequest(20, Optional.empty())).items()).containsExactly(payment);

    // The same reservation again, with the token now spent: the same payment, no second debit.
    PayForReservation.Result again = app.payForReservation().pay("alice", Optional.of(token), new PaymentRequest(held.reservationId()));
    assertThat(again).isInstanceOf(PayForReservation.Result.AlreadyPaid.class);
    assertThat(again.payment()).isEqualTo(payment);
    assertThat(app.getBalance().of("alice").balance()).isEqualTo(200_000 - SmallCatalog.VIP_PRICE);
    // Another purchase needs a new turn.
    assertProblem(Refusal.TOKEN_EXPIRED, () -> hold(app, "alice", token, 4));
    // Another user cannot pay for it or see it.
    assertProblem(Refusal.RESERVATION_NOT_FOUND,
        () -> app.payForReservation().pay("mallory", Optional.of(token), new PaymentRequest(held.reservationId())));
  }

  @Test
  void twenty_concurrent_payments_of_one_reservation_make_one_payment_and_one_debit(TestTable table) throws Exception {
    AppComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "bob");
    charge(app, "bob", 1_000_000);
    ReservationView held = hold(app, "bob", token, 20);

    List<Object> outcomes = Concurrently.run(20, 20, i -> {
      try {
        return app.payForReservation().pay("bob", Optional.of(token), new PaymentRequest(held.reservationId()));
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
  void five_holds_paid_at_once_with_balance_for_two_make_exactly_one_payment(TestTable table) throws Exception {
    AppComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "carol");
    charge(app, "carol", 2 * SmallCatalog.PRICE);
    List<String> reservations = new ArrayList<>();
    for (int seat = 21; seat <= 25; seat++) {
      reservations.add(hold(app, "carol", token, seat).reservationId());
    }

    List<Object> outcomes = Concurrently.run(5, 5, i -> {
      try {
        return app.payForReservation().pay("carol", Optional.of(token), new PaymentRequest(reservations.get(i)));
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
    AppComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "dave");
    charge(app, "dave", 100_000);
    ReservationView vip = hold(app, "dave", token, 1);

    assertProblem(Refusal.INSUFFICIENT_BALANCE,
        () -> app.payForReservation().pay("dave", Optional.of(token), new PaymentRequest(vip.reservationId())));
    assertThat(app.getBalance().of("dave").balance()).isEqualTo(100_000);
    assertThat(app.showReservation().show("dave", vip.reservationId()).status()).isEqualTo(ReservationStatus.HELD);
    assertThat(app.queueStatus().status("dave", Optional.of(token)).status()).isEqualTo(QueueToken.Status.ACTIVE);

    ReservationView cheap = hold(app, "dave", token, 30);
    clock.advance(Duration.ofSeconds(300));
    assertProblem(Refusal.HOLD_EXPIRED,
        () -> app.payForReservation().pay("dave", Optional.of(token), new PaymentRequest(cheap.reservationId())));
    assertThat(app.getBalance().of("dave").balance()).isEqualTo(100_000);
    assertThat(app.listPayments().list("dave", new PageRequest(20, Optional.empty())).items()).isEmpty();
    assertThat(app.queueStatus().status("dave", Optional.of(token)).status()).isEqualTo(QueueToken.Status.ACTIVE);
  }

  @Test
  void history_is_newest_first_and_pages_by_cursor(TestTable table) {
    AppComponent app = app(table);
    charge(app, "erin", 1_000_000);
    List<Payment> made = new ArrayList<>();
    for (int seat = 41; seat <= 45; seat++) {
      String token = Admitted.user(app, CONCERT, "erin");
      ReservationView held = hold(app, "erin", token, seat);
      made.add(0, app.payForReservation().pay("erin", Optional.of(token), new PaymentRequest(held.reservationId())).payment());
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
    assertThat(app.getBalance().of("erin").balance()).isEqualTo(1_000_000 - 5 * SmallCatalog.PRICE);
  }

  private static void assertProblem(Refusal code, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(code));
  }
}
