package dev.ticketing.reservation;

import static dev.ticketing.reservation.ReserveSeatContract.ENV;
import static dev.ticketing.reservation.ReserveSeatContract.HOLD;
import static dev.ticketing.reservation.ReserveSeatContract.T0;
import static dev.ticketing.reservation.ReserveSeatContract.reserve;
import static dev.ticketing.testing.SmallCatalog.CONCERT;
import static dev.ticketing.testing.SmallCatalog.LAST;
import static dev.ticketing.testing.SmallCatalog.LATER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.maintenance.Maintenance;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The scheduled release of holds that ran out, alone and racing a payment's confirmation. */
abstract class ReleaseExpiredHoldsContract {
  private final MutableClock clock = new MutableClock(T0);

  private TestComponent app(TestTable table) {
    Map<String, String> env = new java.util.HashMap<>(ENV);
    // The race below holds a seat in every round, releasing them at a moment ahead of the clock.
    env.put("MAX_TICKETS_PER_USER", "60");
    TestComponent app = TestApp.on(table, clock, env);
    app.catalogSeeder().seed(SmallCatalog.around(T0, LATER, LAST));
    return app;
  }

  @Test
  void frees_the_seats_of_holds_that_ran_out_and_expires_their_reservations_once(TestTable table) {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");
    String first = reserve(app, "alice", token, CONCERT, LATER, 1, 4).reservation().reservationId();
    String second = reserve(app, "alice", token, CONCERT, LAST, 2).reservation().reservationId();
    clock.advance(java.time.Duration.ofSeconds(100));
    String running = reserve(app, "alice", token, CONCERT, LATER, 3).reservation().reservationId();
    clock.set(T0.plus(HOLD));

    assertThat(app.releaseExpiredHolds().release(CONCERT)).isEqualTo(new ReleaseExpiredHolds.Outcome(3, 2));

    for (String[] released : new String[][] {{first, LATER, "1"}, {first, LATER, "4"}, {second, LAST, "2"}}) {
      Map<String, AttributeValue> seat = ReservationTables.seat(table, CONCERT, released[1], Integer.parseInt(released[2]));
      assertThat(Items.string(seat, "status")).isEqualTo("AVAILABLE");
      assertThat(seat).doesNotContainKeys("holdUserId", "reservationId", "holdExpiresAt");
      Map<String, AttributeValue> reservation = ReservationTables.reservation(table, released[0]);
      assertThat(Items.string(reservation, "status")).isEqualTo("EXPIRED");
      assertThat(reservation).doesNotContainKeys("gsi1pk", "gsi1sk");
      assertThat(app.showReservation().show("alice", released[0]).status()).isEqualTo(ReservationStatus.EXPIRED);
    }
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, LATER, 3), "status")).isEqualTo("HELD");
    assertThat(app.showReservation().show("alice", running).status()).isEqualTo(ReservationStatus.HELD);

    // A second run, or one of the scheduled function, finds nothing left to do.
    assertThat(app.releaseExpiredHolds().release(CONCERT)).isEqualTo(new ReleaseExpiredHolds.Outcome(0, 0));
    clock.set(T0.plus(HOLD).plusSeconds(100));
    Maintenance.Round round = app.maintenance().runAll();
    assertThat(round.failed()).isEmpty();
    assertThat(round.done().get("release-expired-holds")).as("what the round reports")
        .containsEntry("seatsFreed", 1L).containsEntry("reservationsExpired", 1L);
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, LATER, 3), "status")).isEqualTo("AVAILABLE");
    assertThat(app.showReservation().show("alice", running).status()).isEqualTo(ReservationStatus.EXPIRED);
  }

  /**
   * A payment confirming a hold at its last moment while the release step, on a clock a moment
   * later, releases the same hold: exactly one of them wins, and a confirmed seat is never freed.
   */
  @Test
  void a_release_racing_a_confirmation_never_frees_a_confirmed_seat(TestTable table) throws Exception {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");

    int rounds = 50;
    int confirmed = 0;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int seatNo = 1; seatNo <= rounds; seatNo++) {
        clock.set(T0.plusSeconds(seatNo));
        String id = reserve(app, "alice", token, CONCERT, LATER, seatNo).reservation().reservationId();
        Reservation held = app.reservationStore().find(id).orElseThrow();
        Instant lastMoment = held.holdExpiresAt().minusMillis(1);
        Instant releaseTime = held.holdExpiresAt();
        List<Reservation> found = app.expiredHoldStore().expiredHolds(CONCERT, releaseTime);
        assertThat(found).extracting(Reservation::reservationId).containsExactly(id);

        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> confirmation = pool.submit(() -> {
          start.await();
          return ReservationTables.confirm(table, held, lastMoment);
        });
        Future<ExpiredHoldStore.Release> release = pool.submit(() -> {
          start.await();
          return app.expiredHoldStore().release(found.get(0), releaseTime);
        });

        Map<String, AttributeValue> seat = null;
        boolean paid = confirmation.get();
        ExpiredHoldStore.Release released = release.get();
        seat = ReservationTables.seat(table, CONCERT, LATER, seatNo);
        String reservationStatus = Items.string(ReservationTables.reservation(table, id), "status");
        if (paid) {
          confirmed++;
          assertThat(released).as("round %d", seatNo).isEqualTo(ExpiredHoldStore.Release.ALREADY_SETTLED);
          assertThat(Items.string(seat, "status")).as("round %d", seatNo).isEqualTo("SOLD");
          assertThat(Items.string(seat, "reservationId")).isEqualTo(id);
          assertThat(reservationStatus).as("round %d", seatNo).isEqualTo("CONFIRMED");
        } else {
          assertThat(released).as("round %d", seatNo).isEqualTo(new ExpiredHoldStore.Release(1, true));
          assertThat(Items.string(seat, "status")).as("round %d", seatNo).isEqualTo("AVAILABLE");
          assertThat(reservationStatus).as("round %d", seatNo).isEqualTo("EXPIRED");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("release vs confirmation: %d of %d rounds confirmed, %d released%n", confirmed, rounds, rounds - confirmed);
    // Both sides must have won sometimes, or the two did not really race.
    assertThat(confirmed).isBetween(1, rounds - 1);
  }
}
