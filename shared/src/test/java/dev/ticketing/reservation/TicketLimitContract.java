package dev.ticketing.reservation;

import static dev.ticketing.reservation.ReserveSeatContract.ENV;
import static dev.ticketing.reservation.ReserveSeatContract.HOLD;
import static dev.ticketing.reservation.ReserveSeatContract.T0;
import static dev.ticketing.reservation.ReserveSeatContract.refusal;
import static dev.ticketing.reservation.ReserveSeatContract.refused;
import static dev.ticketing.reservation.ReserveSeatContract.reserve;
import static dev.ticketing.testing.SmallCatalog.CONCERT;
import static dev.ticketing.testing.SmallCatalog.LAST;
import static dev.ticketing.testing.SmallCatalog.LATER;
import static dev.ticketing.testing.SmallCatalog.OTHER;
import static dev.ticketing.testing.SmallCatalog.OTHER_CONCERT;
import static dev.ticketing.testing.SmallCatalog.SOON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.invariants.Ledger;
import dev.ticketing.payment.PaymentRequest;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StorageUnavailableException;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MAX_TICKETS_PER_USER (4 by default): seats of running holds plus paid seats, per user and
 * concert, through the real object graph on every engine (see the *On*Test classes).
 */
abstract class TicketLimitContract {
  private final MutableClock clock = new MutableClock(T0);

  private TestComponent app(TestTable table) {
    TestComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    return app;
  }

  @Test
  void a_user_holds_at_most_four_seats_of_a_concert_and_the_limit_comes_before_availability(TestTable table) {
    TestComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("alice", "bob"), 2);
    String alice = tokens.get("alice");
    reserve(app, "alice", alice, CONCERT, SOON, 1, 2);
    reserve(app, "alice", alice, CONCERT, LATER, 3);
    reserve(app, "bob", tokens.get("bob"), CONCERT, SOON, 30);

    Refused full = refused(() -> reserve(app, "alice", alice, CONCERT, LAST, 4, 5));
    assertThat(full.refusal()).isEqualTo(Refusal.TICKET_LIMIT);
    assertThat(full.members()).containsEntry("limit", 4).containsEntry("tickets", 3);
    // Bob's seat is taken, but the limit is what the answer is about.
    assertThat(refusal(() -> reserve(app, "alice", alice, CONCERT, SOON, 30, 31))).isEqualTo(Refusal.TICKET_LIMIT);
    reserve(app, "alice", alice, CONCERT, LAST, 4);
    assertThat(refusal(() -> reserve(app, "alice", alice, CONCERT, LAST, 5))).isEqualTo(Refusal.TICKET_LIMIT);
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, LAST, 5), "status")).isEqualTo("AVAILABLE");
    assertThat(ReservationTables.count(table, "alice", CONCERT).ticketsAt(clock.instant())).isEqualTo(4);

    // The limit is per concert.
    String elsewhere = Admitted.user(app, OTHER_CONCERT, "alice");
    assertThat(reserve(app, "alice", elsewhere, OTHER_CONCERT, OTHER, 1, 2, 3, 4)).isInstanceOf(ReserveSeat.Result.Created.class);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  @Test
  void a_hold_stops_counting_at_its_expiry_and_the_next_hold_marks_it_expired(TestTable table) {
    TestComponent app = app(table);
    String alice = Admitted.user(app, CONCERT, "alice");
    String first = reserve(app, "alice", alice, CONCERT, SOON, 1, 2, 3, 4).reservation().reservationId();
    assertThat(refusal(() -> reserve(app, "alice", alice, CONCERT, SOON, 5))).isEqualTo(Refusal.TICKET_LIMIT);

    clock.set(T0.plus(HOLD));
    // No release step has run: the expired hold no longer counts all the same.
    String second = reserve(app, "alice", alice, CONCERT, SOON, 1, 5).reservation().reservationId();

    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> expired = ReservationTables.reservation(table, first);
    assertThat(Items.string(expired, "status")).isEqualTo("EXPIRED");
    assertThat(expired).as("left in the index of holds, for the release of its seats").containsKey("gsi1pk");
    assertThat(ReservationTables.count(table, "alice", CONCERT).holds())
        .extracting(TicketCount.ListedHold::reservationId).containsExactly(second);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();

    // The release step frees the seats the expired hold still has, and takes it out of the index.
    assertThat(app.releaseExpiredHolds().release(CONCERT)).isEqualTo(new ReleaseExpiredHolds.Outcome(3, 1));
    assertThat(ReservationTables.reservation(table, first)).doesNotContainKey("gsi1pk");
    for (int seatNo : List.of(2, 3, 4)) {
      assertThat(Items.string(ReservationTables.seat(table, CONCERT, SOON, seatNo), "status")).isEqualTo("AVAILABLE");
    }
    assertThat(Items.string(ReservationTables.seat(table, CONCERT, SOON, 1), "reservationId")).isEqualTo(second);
    assertThat(app.showReservation().show("alice", first).status()).isEqualTo(ReservationStatus.EXPIRED);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  @Test
  void a_hold_the_release_step_settled_first_is_dropped_by_the_next_hold_all_the_same(TestTable table) {
    TestComponent app = app(table);
    String alice = Admitted.user(app, CONCERT, "alice");
    String first = reserve(app, "alice", alice, CONCERT, LATER, 1, 2, 3, 4).reservation().reservationId();
    clock.set(T0.plus(HOLD));
    assertThat(app.releaseExpiredHolds().release(CONCERT)).isEqualTo(new ReleaseExpiredHolds.Outcome(4, 1));
    assertThat(ReservationTables.count(table, "alice", CONCERT).listed(first)).as("still listed, no longer counted").isPresent();

    String second = reserve(app, "alice", alice, CONCERT, LATER, 1, 2, 3, 4).reservation().reservationId();

    assertThat(ReservationTables.count(table, "alice", CONCERT).holds())
        .extracting(TicketCount.ListedHold::reservationId).containsExactly(second);
    assertThat(Items.string(ReservationTables.reservation(table, first), "status")).isEqualTo("EXPIRED");
    assertThat(ReservationTables.reservation(table, first)).doesNotContainKey("gsi1pk");
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  @Test
  void paid_seats_count_and_a_hold_given_up_does_not(TestTable table) {
    TestComponent app = app(table);
    app.chargeBalance().charge("alice", IdempotencyKey.ofRequest("top-up"), new ChargeRequest(1_000_000L));
    String alice = Admitted.user(app, CONCERT, "alice");
    String paid = reserve(app, "alice", alice, CONCERT, LATER, 11, 12, 13).reservation().reservationId();
    app.payForReservation().pay("alice", QueueTokenId.parse(alice), new PaymentRequest(paid));
    String again = Admitted.user(app, CONCERT, "alice");

    assertThat(refusal(() -> reserve(app, "alice", again, CONCERT, LATER, 14, 15))).isEqualTo(Refusal.TICKET_LIMIT);
    String held = reserve(app, "alice", again, CONCERT, LATER, 14).reservation().reservationId();
    assertThat(refusal(() -> reserve(app, "alice", again, CONCERT, LATER, 15))).isEqualTo(Refusal.TICKET_LIMIT);
    app.releaseReservation().release("alice", held);
    assertThat(reserve(app, "alice", again, CONCERT, LATER, 15)).isInstanceOf(ReserveSeat.Result.Created.class);

    TicketCount count = ReservationTables.count(table, "alice", CONCERT);
    assertThat(count.paidSeats()).isEqualTo(3);
    assertThat(count.holds()).extracting(hold -> hold.seatNos()).containsExactly(List.of(15));
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  /** The scalper: one user with one turn trying every seat of every date (docs/design.md, "Orders and the ticket limit"). */
  @Test
  void a_scalper_with_one_turn_holds_no_more_than_the_limit(TestTable table) {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "scalper");
    int held = 0;
    int refusedAtLimit = 0;
    for (String date : List.of(SOON, LATER, LAST)) {
      for (int first = 1; first <= 50; first += 4) {
        List<Integer> seats = new ArrayList<>();
        for (int seatNo = first; seatNo < first + 4 && seatNo <= 50; seatNo++) {
          seats.add(seatNo);
        }
        try {
          held += reserve(app, "scalper", token, CONCERT, date, seats.toArray(Integer[]::new)).reservation().seatNos().size();
        } catch (Refused refused) {
          assertThat(refused.refusal()).isEqualTo(Refusal.TICKET_LIMIT);
          refusedAtLimit++;
        }
      }
    }
    assertThat(held).isEqualTo(4);
    assertThat(refusedAtLimit).isEqualTo(3 * 13 - 1);
    assertThat(app.listBookableDates().list("scalper", CONCERT, QueueTokenId.parse(token)).schedules())
        .extracting(date -> date.availableSeats()).containsExactly(46, 50, 50);
  }

  @Test
  void concurrent_holds_of_one_user_never_pass_the_limit(TestTable table) throws Exception {
    TestComponent app = app(table);
    String token = Admitted.user(app, CONCERT, "alice");

    List<Object> outcomes = Concurrently.run(16, 16, i -> {
      try {
        return reserve(app, "alice", token, CONCERT, LATER, 1 + 2 * i, 2 + 2 * i).reservation();
      } catch (Refused refused) {
        return refused.refusal();
      } catch (StorageUnavailableException busy) {
        return "503";
      }
    });

    long held = outcomes.stream().filter(o -> o instanceof ReservationView).count();
    assertThat(held).as("two-seat orders held").isEqualTo(2);
    assertThat(outcomes.stream().filter(o -> !(o instanceof ReservationView))).containsOnly(Refusal.TICKET_LIMIT);
    assertThat(ReservationTables.count(table, "alice", CONCERT).ticketsAt(clock.instant())).isEqualTo(4);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }
}
