package dev.ticketing.local;

import static dev.ticketing.local.Operators.ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operators' commands ({@code ops}, as an operator runs them against the runtime's table)
 * acting on a running sale over HTTP: what buyers see once the runtime's scheduler has run its
 * next rounds (docs/runbook.md, drill 3). Pause and resume keep every place; a lowered active
 * limit admits nobody while as many are active; close ends waiting tokens, joins and turns, and
 * reopen lets joins in again.
 */
@ExtendWith(DynamoDbExtension.class)
class SaleOperationsHttpTest {
  private static final String CONCERT = "winter-gala";
  private static final String JOIN = "/concerts/" + CONCERT + "/queue/tokens";
  private static final String BOARD = "/concerts/" + CONCERT + "/queue";

  @Test
  void pause_keeps_every_place_admits_nobody_into_free_slots_and_resume_admits_in_order(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "1", "QUEUE_MAX_ACTIVE", "1"))) {
      String alice = Journey.join(http, "alice", CONCERT);
      Journey.awaitActive(http, "alice", alice);
      String bob = Journey.join(http, "bob", CONCERT);
      Journey.awaitPosition(http, "bob", bob, 1);
      String carol = Journey.join(http, "carol", CONCERT);
      Journey.awaitPosition(http, "carol", carol, 2);

      ops(table, "pause", "--concert", CONCERT, "--operator", "alice-the-operator");
      awaitBoard(http, "PAUSED", board -> true);
      // Two free slots while PAUSED: still nobody is admitted.
      ops(table, "set", "--max-active", "3", "--concert", CONCERT, "--operator", "alice-the-operator");
      awaitBoard(http, "PAUSED", board -> board.get("maxActive").asInt() == 3);
      LocalHttp.Reply joinedWhilePaused = http.send("POST", JOIN, Journey.as("dave", null), null);
      assertThat(joinedWhilePaused.status()).as("joins go on while PAUSED").isEqualTo(201);
      String dave = joinedWhilePaused.body().get("token").asText();
      // Placing dave takes rounds after the limit was raised: rounds that admitted nobody.
      JsonNode davePlaced = Journey.awaitPosition(http, "dave", dave, 3);
      assertThat(davePlaced.get("saleState").asText()).isEqualTo("PAUSED");
      assertWaiting(http, "bob", bob, 1);
      assertWaiting(http, "carol", carol, 2);
      assertThat(http.get(BOARD, Map.of()).body().get("activeUsers").asLong()).isEqualTo(1);
      assertThat(Journey.status(http, "alice", alice).get("status").asText()).as("an active turn goes on").isEqualTo("ACTIVE");

      ops(table, "resume", "--concert", CONCERT, "--operator", "alice-the-operator");
      Journey.awaitActive(http, "bob", bob);
      Journey.awaitActive(http, "carol", carol);
      JsonNode next = Journey.awaitPosition(http, "dave", dave, 1);
      assertThat(next.get("status").asText()).as("three active: dave is next").isEqualTo("WAITING");
      assertThat(next.get("saleState").asText()).isEqualTo("OPEN");
    }
  }

  @Test
  void a_lowered_active_limit_admits_nobody_while_as_many_are_active(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "1", "QUEUE_MAX_ACTIVE", "3"))) {
      String first = Journey.join(http, "first", CONCERT);
      Journey.awaitActive(http, "first", first);
      String second = Journey.join(http, "second", CONCERT);
      Journey.awaitActive(http, "second", second);

      ops(table, "set", "--max-active", "1", "--concert", CONCERT, "--operator", "ops");
      awaitBoard(http, "OPEN", board -> board.get("maxActive").asInt() == 1);
      String third = Journey.join(http, "third", CONCERT);
      Journey.awaitPosition(http, "third", third, 1);
      String fourth = Journey.join(http, "fourth", CONCERT);
      // Placed means rounds have run since: under QUEUE_MAX_ACTIVE (3) they would have admitted third.
      Journey.awaitPosition(http, "fourth", fourth, 2);
      assertWaiting(http, "third", third, 1);
      assertThat(http.get(BOARD, Map.of()).body().get("activeUsers").asLong()).as("turns under way are not cut").isEqualTo(2);
      assertThat(ops(table, "status", "--concert", CONCERT)).contains("queue        2 waiting, 2 active");

      ops(table, "set", "--max-active", "3", "--concert", CONCERT, "--operator", "ops");
      Journey.awaitActive(http, "third", third);
      // Positions follow from the shared state, a moment behind the tokens.
      JsonNode next = Journey.awaitPosition(http, "fourth", fourth, 1);
      assertThat(next.get("status").asText()).as("three active: fourth waits").isEqualTo("WAITING");
    }
  }

  @Test
  void close_ends_waiting_tokens_joins_and_turns_and_reopen_lets_joins_in_again(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "1", "QUEUE_MAX_ACTIVE", "1"))) {
      String alice = Journey.join(http, "alice", CONCERT);
      Journey.awaitActive(http, "alice", alice);
      String scheduleId = Journey.firstDate(http, CONCERT, "alice", alice);
      String bob = Journey.join(http, "bob", CONCERT);
      Journey.awaitPosition(http, "bob", bob, 1);

      ops(table, "close", "--yes", "--concert", CONCERT, "--operator", "venue-manager");
      JsonNode closed = Journey.awaitReply("bob's token CLOSED", () -> http.get("/queue/status", Journey.as("bob", bob)),
          reply -> reply.body().get("status").asText().equals("CLOSED")).body();
      assertThat(closed.get("saleState").asText()).isEqualTo("CLOSED");
      AtomicInteger latecomers = new AtomicInteger();
      // Each try is a new user: a join that a function instance's second-old state let in is no refusal to check.
      LocalHttp.Reply refused = Journey.awaitReply("a join refused",
          () -> http.send("POST", JOIN, Journey.as("late-" + latecomers.incrementAndGet(), null), null),
          reply -> reply.status() == 409);
      assertThat(refused.body().get("code").asText()).isEqualTo("SALE_CLOSED");
      assertThat(refused.body().get("saleState").asText()).isEqualTo("CLOSED");
      LocalHttp.Reply turnEnded = Journey.awaitReply("alice's turn ended",
          () -> http.get("/concerts/" + CONCERT + "/schedules/" + scheduleId + "/seats", Journey.as("alice", alice)),
          reply -> reply.status() == 401);
      assertThat(turnEnded.body().get("code").asText()).isEqualTo("TOKEN_EXPIRED");
      assertThat(http.send("POST", "/reservations", Journey.as("alice", alice), Journey.reserveBody(CONCERT, scheduleId, 1))
          .status()).as("no hold once the turn ended").isEqualTo(401);

      ops(table, "reopen", "--concert", CONCERT, "--operator", "venue-manager");
      LocalHttp.Reply again = Journey.awaitReply("bob joins again", () -> http.send("POST", JOIN, Journey.as("bob", null), null),
          reply -> reply.status() != 409);
      assertThat(again.status()).as("a CLOSED token is not live: a new one").isEqualTo(201);
      String bobAgain = again.body().get("token").asText();
      assertThat(bobAgain).isNotEqualTo(bob);
      // Placed like any new join (whoever a second-old state let in before the close came first is ahead of him).
      Journey.awaitReply("bob placed again", () -> http.get("/queue/status", Journey.as("bob", bobAgain)),
          reply -> reply.body().get("position").isNumber());
      assertThat(Journey.status(http, "bob", bob).get("status").asText()).as("the old token stays CLOSED").isEqualTo("CLOSED");
      assertThat(ops(table, "audit", "--concert", CONCERT)).contains("reopen  by venue-manager", "close  by venue-manager");
    }
  }

  private static void assertWaiting(LocalHttp http, String user, String token, long position) throws Exception {
    JsonNode status = Journey.status(http, user, token);
    assertThat(status.get("status").asText()).as(user).isEqualTo("WAITING");
    assertThat(status.get("position").asLong()).as(user + "'s place").isEqualTo(position);
  }

  private static JsonNode awaitBoard(LocalHttp http, String saleState, java.util.function.Predicate<JsonNode> also)
      throws Exception {
    return Journey.awaitReply("the board at " + saleState, () -> http.get(BOARD, Map.of()),
        reply -> reply.body().get("saleState").asText().equals(saleState) && also.test(reply.body())).body();
  }
}
