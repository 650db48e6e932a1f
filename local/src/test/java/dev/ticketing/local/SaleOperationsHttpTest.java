package dev.ticketing.local;

import static dev.ticketing.local.Journey.round;
import static dev.ticketing.local.Operators.ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operators' commands ({@code ops}, as an operator runs them against the runtime's table)
 * acting on a running sale over HTTP: what buyers see once the runtime has run its next rounds
 * (docs/runbook.md, drill 3). Pause and resume keep every place; a lowered active limit admits
 * nobody while as many are active; close ends waiting tokens, joins and turns, and reopen lets
 * joins in again. Rounds are run one at a time by the test on the runtime's clock, which each
 * round moves past the second for which the functions keep the sale's state; the scheduler
 * itself never ticks.
 */
@ExtendWith(DynamoDbExtension.class)
class SaleOperationsHttpTest {
  private static final String CONCERT = SmallCatalog.CONCERT;
  private static final String JOIN = "/concerts/" + CONCERT + "/queue/tokens";
  private static final String BOARD = "/concerts/" + CONCERT + "/queue";

  /** Two small concerts instead of the demo's four: the operations act on one; a quicker start and rounds. */
  private static SeedCatalog small(MutableClock clock) {
    return SmallCatalog.around(clock.instant());
  }

  @Test
  void pause_keeps_every_place_admits_nobody_into_free_slots_and_resume_admits_in_order(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("QUEUE_MAX_ACTIVE", "1"), clock, small(clock))) {
      String alice = Journey.join(http, "alice", CONCERT);
      round(http, clock);
      Journey.assertActive(http, "alice", alice);
      String bob = Journey.join(http, "bob", CONCERT);
      round(http, clock);
      Journey.assertPosition(http, "bob", bob, 1);
      String carol = Journey.join(http, "carol", CONCERT);
      round(http, clock);
      Journey.assertPosition(http, "carol", carol, 2);

      ops(table, "pause", "--concert", CONCERT, "--operator", "alice-the-operator");
      round(http, clock);
      assertBoard(http, "PAUSED", board -> true);
      // Two free slots while PAUSED: still nobody is admitted.
      ops(table, "set", "--max-active", "3", "--concert", CONCERT, "--operator", "alice-the-operator");
      round(http, clock);
      assertBoard(http, "PAUSED", board -> board.get("maxActive").asInt() == 3);
      LocalHttp.Reply joinedWhilePaused = http.send("POST", JOIN, Journey.as("dave", null), null);
      assertThat(joinedWhilePaused.status()).as("joins go on while PAUSED").isEqualTo(201);
      String dave = joinedWhilePaused.body().get("token").asText();
      // Placing dave takes a round after the limit was raised: a round that admitted nobody.
      round(http, clock);
      JsonNode davePlaced = Journey.assertPosition(http, "dave", dave, 3);
      assertThat(davePlaced.get("saleState").asText()).isEqualTo("PAUSED");
      assertWaiting(http, "bob", bob, 1);
      assertWaiting(http, "carol", carol, 2);
      assertThat(http.get(BOARD, Map.of()).body().get("activeUsers").asLong()).isEqualTo(1);
      assertThat(Journey.status(http, "alice", alice).get("status").asText()).as("an active turn goes on").isEqualTo("ACTIVE");

      ops(table, "resume", "--concert", CONCERT, "--operator", "alice-the-operator");
      round(http, clock);
      Journey.assertActive(http, "bob", bob);
      Journey.assertActive(http, "carol", carol);
      JsonNode next = Journey.assertPosition(http, "dave", dave, 1);
      assertThat(next.get("status").asText()).as("three active: dave is next").isEqualTo("WAITING");
      assertThat(next.get("saleState").asText()).isEqualTo("OPEN");
    }
  }

  @Test
  void a_lowered_active_limit_admits_nobody_while_as_many_are_active(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("QUEUE_MAX_ACTIVE", "3"), clock, small(clock))) {
      String first = Journey.join(http, "first", CONCERT);
      round(http, clock);
      Journey.assertActive(http, "first", first);
      String second = Journey.join(http, "second", CONCERT);
      round(http, clock);
      Journey.assertActive(http, "second", second);

      ops(table, "set", "--max-active", "1", "--concert", CONCERT, "--operator", "ops");
      round(http, clock);
      assertBoard(http, "OPEN", board -> board.get("maxActive").asInt() == 1);
      String third = Journey.join(http, "third", CONCERT);
      round(http, clock);
      Journey.assertPosition(http, "third", third, 1);
      String fourth = Journey.join(http, "fourth", CONCERT);
      // Placed means a round has run since: under QUEUE_MAX_ACTIVE (3) it would have admitted third.
      round(http, clock);
      Journey.assertPosition(http, "fourth", fourth, 2);
      assertWaiting(http, "third", third, 1);
      assertThat(http.get(BOARD, Map.of()).body().get("activeUsers").asLong()).as("turns under way are not cut").isEqualTo(2);
      assertThat(ops(table, "status", "--concert", CONCERT)).contains("queue        2 waiting, 2 active");

      ops(table, "set", "--max-active", "3", "--concert", CONCERT, "--operator", "ops");
      round(http, clock);
      Journey.assertActive(http, "third", third);
      JsonNode next = Journey.assertPosition(http, "fourth", fourth, 1);
      assertThat(next.get("status").asText()).as("three active: fourth waits").isEqualTo("WAITING");
    }
  }

  @Test
  void close_ends_waiting_tokens_joins_and_turns_and_reopen_lets_joins_in_again(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("QUEUE_MAX_ACTIVE", "1"), clock, small(clock))) {
      String alice = Journey.join(http, "alice", CONCERT);
      round(http, clock);
      Journey.assertActive(http, "alice", alice);
      String scheduleId = Journey.firstDate(http, CONCERT, "alice", alice);
      String bob = Journey.join(http, "bob", CONCERT);
      round(http, clock);
      Journey.assertPosition(http, "bob", bob, 1);

      ops(table, "close", "--yes", "--concert", CONCERT, "--operator", "venue-manager");
      round(http, clock);
      JsonNode closed = Journey.status(http, "bob", bob);
      assertThat(closed.get("status").asText()).as("bob's token").isEqualTo("CLOSED");
      assertThat(closed.get("saleState").asText()).isEqualTo("CLOSED");
      LocalHttp.Reply refused = http.send("POST", JOIN, Journey.as("late", null), null);
      assertThat(refused.status()).as("a join after the close").isEqualTo(409);
      assertThat(refused.body().get("code").asText()).isEqualTo("SALE_CLOSED");
      assertThat(refused.body().get("saleState").asText()).isEqualTo("CLOSED");
      LocalHttp.Reply turnEnded = http.get("/concerts/" + CONCERT + "/schedules/" + scheduleId + "/seats",
          Journey.as("alice", alice));
      assertThat(turnEnded.status()).as("alice's turn ended").isEqualTo(401);
      assertThat(turnEnded.body().get("code").asText()).isEqualTo("TOKEN_EXPIRED");
      assertThat(http.send("POST", "/reservations", Journey.as("alice", alice), Journey.reserveBody(CONCERT, scheduleId, 1))
          .status()).as("no hold once the turn ended").isEqualTo(401);

      ops(table, "reopen", "--concert", CONCERT, "--operator", "venue-manager");
      round(http, clock);
      LocalHttp.Reply again = http.send("POST", JOIN, Journey.as("bob", null), null);
      assertThat(again.status()).as("a CLOSED token is not live: a new one").isEqualTo(201);
      String bobAgain = again.body().get("token").asText();
      assertThat(bobAgain).isNotEqualTo(bob);
      // Placed like any new join.
      round(http, clock);
      assertThat(Journey.status(http, "bob", bobAgain).get("position").isNumber()).as("bob placed again").isTrue();
      assertThat(Journey.status(http, "bob", bob).get("status").asText()).as("the old token stays CLOSED").isEqualTo("CLOSED");
      assertThat(ops(table, "audit", "--concert", CONCERT)).contains("reopen  by venue-manager", "close  by venue-manager");
    }
  }

  private static void assertWaiting(LocalHttp http, String user, String token, long position) throws Exception {
    JsonNode status = Journey.status(http, user, token);
    assertThat(status.get("status").asText()).as(user).isEqualTo("WAITING");
    assertThat(status.get("position").asLong()).as(user + "'s place").isEqualTo(position);
  }

  private static void assertBoard(LocalHttp http, String saleState, java.util.function.Predicate<JsonNode> also)
      throws Exception {
    JsonNode board = http.get(BOARD, Map.of()).body();
    assertThat(board.get("saleState").asText()).as("the board: " + board).isEqualTo(saleState);
    assertThat(also).as("the board: " + board).accepts(board);
  }
}
