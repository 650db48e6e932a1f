package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.ticketing.testing.SmallCatalog;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ticketing.queue.join.JoinQueue;

/**
 * A rejoin writes over the user's one token item. It must never write over a turn that still
 * holds an active slot (listed among the admitted sessions until maintenance ends it, even once
 * its time has run out or it paid), or that slot would never be freed; and a token it replaced
 * still reads how its turn ended.
 */
@ExtendWith(DynamoDbExtension.class)
class RejoinAfterTurnTest {
  private static final String CONCERT = "winter-gala";
  private static final Duration PAST_TURN = Duration.ofSeconds(601);

  @Test
  void a_rejoin_after_a_turn_ran_out_answers_the_ended_turn_until_maintenance_frees_its_slot(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "1"));
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    String first = admitted(app, clock, "alice");

    clock.advance(PAST_TURN);  // her turn ran out; its item still says ACTIVE and holds the slot
    JoinQueue.Result early = app.joinQueue().join("alice", CONCERT);
    assertThat(early).isInstanceOf(JoinQueue.Result.Existing.class);
    assertThat(early.view().token()).isEqualTo(first);
    assertThat(early.view().status()).isEqualTo(QueueToken.Status.EXPIRED);
    assertThat(app.admissionStore().counters(CONCERT).holdingSlots()).as("still counted until ended").isEqualTo(1);

    app.queueRound().run(CONCERT);  // ends her session: the slot is free
    assertThat(app.admissionStore().counters(CONCERT).holdingSlots()).isZero();
    JoinQueue.Result again = app.joinQueue().join("alice", CONCERT);
    assertThat(again).isInstanceOf(JoinQueue.Result.Created.class);
    assertThat(again.view().token()).isNotEqualTo(first);
    clock.advance(Duration.ofSeconds(1));
    app.queueRound().run(CONCERT);
    assertThat(app.queueStatus().status("alice", QueueTokenId.parse(again.view().token())).status())
        .as("the one slot went to her new turn").isEqualTo(QueueToken.Status.ACTIVE);
    assertThat(app.admissionStore().counters(CONCERT).holdingSlots()).isEqualTo(1);

    // The replaced token still reads how it ended, and passes no gate.
    assertThat(app.queueStatus().status("alice", QueueTokenId.parse(first)).status()).isEqualTo(QueueToken.Status.EXPIRED);
    assertProblem(Refusal.TOKEN_EXPIRED, () -> app.queueGate().admit("alice", CONCERT, QueueTokenId.parse(first)));
  }

  @Test
  void the_item_keeps_the_last_four_replaced_turns(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    List<String> turns = new ArrayList<>();
    for (int turn = 0; turn < 6; turn++) {
      turns.add(admitted(app, clock, "bob"));
      clock.advance(PAST_TURN);
      app.queueRound().run(CONCERT);
    }
    String current = turns.get(5);
    assertThat(app.queueStatus().status("bob", QueueTokenId.parse(current)).status()).isEqualTo(QueueToken.Status.EXPIRED);
    for (String replaced : turns.subList(1, 5)) {
      assertThat(app.queueStatus().status("bob", QueueTokenId.parse(replaced)).status()).isEqualTo(QueueToken.Status.EXPIRED);
    }
    assertProblem(Refusal.TOKEN_INVALID, () -> app.queueStatus().status("bob", QueueTokenId.parse(turns.get(0))));
  }

  @Test
  void concurrent_rejoins_and_rounds_leave_one_live_token_per_user_and_leak_no_slot(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    int users = 12;
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", Integer.toString(users)));
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    Random random = new Random(7);
    for (int trial = 0; trial < 3; trial++) {
      // Everyone admitted, some pay-like early ends, then every turn runs out.
      Concurrently.run(users, 8, i -> app.joinQueue().join("fan-" + i, CONCERT));
      clock.advance(Duration.ofSeconds(1));
      app.queueRound().run(CONCERT);
      assertThat(app.admissionStore().counters(CONCERT).holdingSlots()).as("trial %d", trial).isEqualTo(users);
      clock.advance(PAST_TURN);

      // Rejoins of every user, several at once, racing maintenance's rounds.
      int calls = users * 4 + 3;
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        order.add(i);
      }
      java.util.Collections.shuffle(order, random);
      Concurrently.run(calls, 16, i -> {
        int call = order.get(i);
        if (call >= users * 4) {
          return app.queueRound().run(CONCERT);
        }
        return app.joinQueue().join("fan-" + (call % users), CONCERT);
      });

      // Once maintenance has caught up, every user joins once more and gets one live turn.
      app.queueRound().run(CONCERT);
      Map<String, String> live = new HashMap<>();
      for (int i = 0; i < users; i++) {
        JoinQueue.Result result = app.joinQueue().join("fan-" + i, CONCERT);
        assertThat(result.view().status()).as("fan-%d", i).isIn(QueueToken.Status.WAITING, QueueToken.Status.ACTIVE);
        assertThat(app.joinStore().latestToken("fan-" + i, CONCERT).orElseThrow().token().value())
            .as("the one token of fan-%d", i).isEqualTo(result.view().token());
        live.put("fan-" + i, result.view().token());
      }
      clock.advance(Duration.ofSeconds(1));
      app.queueRound().run(CONCERT);
      clock.advance(ArrivalNumber.STORED_WITHIN.plusSeconds(1));
      app.queueRound().run(CONCERT);
      // No slot leaked: the limit is exactly the crowd, so every live turn is admitted.
      live.forEach((user, token) -> assertThat(app.queueStatus().status(user, QueueTokenId.parse(token)).status())
          .as(user).isEqualTo(QueueToken.Status.ACTIVE));
      assertThat(app.admissionStore().counters(CONCERT).holdingSlots()).isEqualTo(users);
      clock.advance(PAST_TURN);
      app.queueRound().run(CONCERT);
      assertThat(app.admissionStore().counters(CONCERT).holdingSlots()).as("every turn ended, every slot freed").isZero();
    }
  }

  /** The user's new token, admitted and used. */
  private static String admitted(TestComponent app, MutableClock clock, String user) {
    String token = app.joinQueue().join(user, CONCERT).view().token();
    clock.advance(Duration.ofSeconds(1));
    app.queueRound().run(CONCERT);
    app.queueGate().admit(user, CONCERT, QueueTokenId.parse(token));
    return token;
  }

  private static void assertProblem(Refusal refusal, Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
  }
}
