package dev.ticketing.reservation;

import static dev.ticketing.reservation.ReserveSeatContract.ENV;
import static dev.ticketing.reservation.ReserveSeatContract.HOLD;
import static dev.ticketing.reservation.ReserveSeatContract.T0;
import static dev.ticketing.reservation.ReserveSeatContract.refusal;
import static dev.ticketing.reservation.ReserveSeatContract.reserve;
import static dev.ticketing.testing.SmallCatalog.CONCERT;
import static dev.ticketing.testing.SmallCatalog.LATER;
import static dev.ticketing.testing.SmallCatalog.SOON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.domain.Refusal;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.invariants.Ledger;
import dev.ticketing.payment.PaymentRequest;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Giving up a hold ({@code DELETE /reservations/{id}}), alone and racing a payment, on every engine. */
abstract class ReleaseReservationContract {
  private final MutableClock clock = new MutableClock(T0);

  private TestComponent app(TestTable table) {
    Map<String, String> env = new HashMap<>(ENV);
    // The race below holds a seat in every round; what it tests is not the limit.
    env.put("MAX_TICKETS_PER_USER", "60");
    TestComponent app = TestApp.on(table, clock, env);
    app.catalogSeeder().seed(SmallCatalog.around(T0, SOON, LATER));
    return app;
  }

  @Test
  void giving_up_a_hold_frees_its_seats_at_once_and_gives_back_its_count(TestTable table) {
    TestComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("alice", "bob"), 2);
    String held = reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 7, 8).reservation().reservationId();
    String kept = reserve(app, "alice", tokens.get("alice"), CONCERT, SOON, 9).reservation().reservationId();

    app.releaseReservation().release("alice", held);

    for (int seatNo : List.of(7, 8)) {
      Map<String, AttributeValue> seat = ReservationTables.seat(table, CONCERT, SOON, seatNo);
      assertThat(Items.string(seat, "status")).isEqualTo("AVAILABLE");
      assertThat(seat).doesNotContainKeys("holdUserId", "reservationId", "holdExpiresAt");
    }
    Map<String, AttributeValue> reservation = ReservationTables.reservation(table, held);
    assertThat(Items.string(reservation, "status")).isEqualTo("RELEASED");
    assertThat(reservation).doesNotContainKeys("gsi1pk", "gsi1sk");
    assertThat(app.showReservation().show("alice", held).status()).isEqualTo(ReservationStatus.RELEASED);
    assertThat(ReservationTables.count(table, "alice", CONCERT).holds())
        .extracting(TicketCount.ListedHold::reservationId).containsExactly(kept);
    // At once: no release step has run, and Bob can hold the seats.
    assertThat(reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 7, 8)).isInstanceOf(ReserveSeat.Result.Created.class);

    // A repeat is answered the same and changes nothing, also now that the seats are Bob's.
    app.releaseReservation().release("alice", held);
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, SOON, 7), "holdUserId")).isEqualTo("bob");
    assertThat(app.expiredHoldStore().expiredHolds(CONCERT, T0.plus(HOLD).plus(HOLD)))
        .extracting(Reservation::reservationId).doesNotContain(held);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  @Test
  void an_expired_hold_stays_expired_a_paid_one_stays_and_another_users_is_not_found(TestTable table) {
    TestComponent app = app(table);
    app.chargeBalance().charge("alice", IdempotencyKey.ofRequest("top-up"), new ChargeRequest(1_000_000L));
    String alice = Admitted.user(app, CONCERT, "alice");
    String paid = reserve(app, "alice", alice, CONCERT, LATER, 2).reservation().reservationId();
    app.payForReservation().pay("alice", QueueTokenId.parse(alice), new PaymentRequest(paid));
    String again = Admitted.user(app, CONCERT, "alice");
    String expiring = reserve(app, "alice", again, CONCERT, LATER, 1).reservation().reservationId();
    clock.set(T0.plus(HOLD));

    app.releaseReservation().release("alice", expiring);

    assertThat(app.showReservation().show("alice", expiring).status()).isEqualTo(ReservationStatus.EXPIRED);
    assertThat(refusal(() -> app.releaseReservation().release("alice", paid))).isEqualTo(Refusal.ALREADY_PAID);
    assertThat(app.showReservation().show("alice", paid).status()).isEqualTo(ReservationStatus.CONFIRMED);
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, LATER, 2), "status")).isEqualTo("SOLD");
    assertThat(refusal(() -> app.releaseReservation().release("bob", paid))).isEqualTo(Refusal.RESERVATION_NOT_FOUND);
    assertThat(refusal(() -> app.releaseReservation().release("alice", "no-such-reservation")))
        .isEqualTo(Refusal.RESERVATION_NOT_FOUND);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  /**
   * Giving up a hold while a payment confirms it, at the same moment: one of them happens, whole.
   * Either the order is paid (seats SOLD, CONFIRMED, one payment) or its seats are free (AVAILABLE,
   * RELEASED, no payment), never both, never a part of either.
   */
  @Test
  void a_release_racing_a_confirmation_leaves_a_paid_order_or_free_seats_never_both(TestTable table) throws Exception {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");
    int rounds = 24;
    int confirmed = 0;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < rounds; round++) {
        int first = 1 + 2 * round;
        String id = reserve(app, "alice", token, CONCERT, LATER, first, first + 1).reservation().reservationId();
        Reservation held = app.reservationStore().find(id).orElseThrow();
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> confirmation = pool.submit(() -> {
          start.await();
          return ReservationTables.confirm(table, held, clock.instant());
        });
        Future<Boolean> release = pool.submit(() -> {
          start.await();
          return app.holdRelease().release(held.order(), clock.instant());
        });
        boolean paid = confirmation.get();
        boolean released = release.get();
        assertThat(paid ^ released).as("round %d: exactly one of them", round).isTrue();
        String status = Items.string(ReservationTables.reservation(table, id), "status");
        assertThat(status).as("round %d", round).isEqualTo(paid ? "CONFIRMED" : "RELEASED");
        for (int seatNo : List.of(first, first + 1)) {
          assertThat(Items.string(ReservationTables.seat(table, CONCERT, LATER, seatNo), "status"))
              .as("round %d, seat %d", round, seatNo).isEqualTo(paid ? "SOLD" : "AVAILABLE");
        }
        confirmed += paid ? 1 : 0;
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("release vs confirmation: %d of %d rounds confirmed, %d released%n", confirmed, rounds, rounds - confirmed);
    assertThat(ReservationTables.count(table, "alice", CONCERT).paidSeats()).isEqualTo(2 * confirmed);
    assertThat(ReservationTables.count(table, "alice", CONCERT).holds()).isEmpty();
    // Both sides must have won sometimes, or the two did not really race.
    assertThat(confirmed).isBetween(1, rounds - 1);
  }
}
