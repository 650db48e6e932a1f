package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Joining and polling the queue over HTTP, with the identity API Gateway would pass on. The tests
 * run the rounds that place and admit joiners themselves; the scheduler never ticks.
 */
@ExtendWith(DynamoDbExtension.class)
class QueueHttpTest {

  @Test
  void join_returns_201_then_200_with_the_same_token_and_status_reads_it(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("QUEUE_MAX_ACTIVE", "1"), clock)) {
      String bob = Journey.join(http, "bob", "winter-gala");
      Journey.round(http, clock);
      Journey.assertActive(http, "bob", bob);

      LocalHttp.Reply first = http.send("POST", "/concerts/winter-gala/queue/tokens", Map.of("X-User-Id", "alice"), null);
      assertThat(first.status()).isEqualTo(201);
      assertThat(first.body().get("status").asText()).isEqualTo("WAITING");
      assertThat(first.body().get("position").isNull()).as("no place yet").isTrue();
      assertThat(first.body().get("estimatedWaitSeconds").isNull()).isTrue();
      assertThat(first.body().get("pollAfterSeconds").asInt()).isEqualTo(2);
      assertThat(first.body().get("saleState").asText()).isEqualTo("OPEN");
      assertThat(first.body().get("activeUntil").isNull()).isTrue();
      String token = first.body().get("token").asText();
      String receipt = first.body().get("receiptId").asText();
      assertThat(token).doesNotContain(receipt);

      LocalHttp.Reply again = http.send("POST", "/concerts/winter-gala/queue/tokens", Map.of("X-User-Id", "alice"), null);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body().get("token").asText()).isEqualTo(token);

      // The next round's placement gives alice her place, behind bob.
      Journey.round(http, clock);
      JsonNode placed = Journey.assertPosition(http, "alice", token, 1);
      assertThat(placed.get("estimatedWaitSeconds").isIntegralNumber()).isTrue();
      assertThat(placed.get("pollAfterSeconds").asInt()).as("near the front").isEqualTo(2);

      LocalHttp.Reply stranger = http.get("/queue/status", Map.of("X-User-Id", "mallory", "X-Queue-Token", token));
      assertThat(stranger.status()).isEqualTo(403);
      assertThat(stranger.body().get("code").asText()).isEqualTo("TOKEN_FORBIDDEN");
      assertThat(stranger.raw().body()).doesNotContain(token.substring(token.indexOf('.') + 1));
    }
  }

  @Test
  void the_queue_refuses_missing_identity_unknown_concerts_and_bad_tokens(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "3600"))) {
      assertThat(http.send("POST", "/concerts/winter-gala/queue/tokens", Map.of(), null).status()).isEqualTo(401);
      LocalHttp.Reply unknown = http.send("POST", "/concerts/no-such/queue/tokens", Map.of("X-User-Id", "alice"), null);
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body().get("code").asText()).isEqualTo("CONCERT_NOT_FOUND");
      LocalHttp.Reply badUser = http.send("POST", "/concerts/winter-gala/queue/tokens", Map.of("X-User-Id", "a b"), null);
      assertThat(badUser.status()).isEqualTo(400);
      LocalHttp.Reply noToken = http.get("/queue/status", Map.of("X-User-Id", "alice"));
      assertThat(noToken.status()).isEqualTo(401);
      assertThat(noToken.body().get("code").asText()).isEqualTo("TOKEN_INVALID");
      LocalHttp.Reply garbage = http.get("/queue/status", Map.of("X-User-Id", "alice", "X-Queue-Token", "winter-gala.nope"));
      assertThat(garbage.body().get("code").asText()).isEqualTo("TOKEN_INVALID");
    }
  }

  @Test
  void the_queue_board_shows_the_queue_to_anyone_and_may_be_cached_a_second(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("QUEUE_MAX_ACTIVE", "1"), clock)) {
      Journey.join(http, "carol", "winter-gala");
      clock.advance(Duration.ofSeconds(1));  // a second apart: places keep their order
      String dave = Journey.join(http, "dave", "winter-gala");
      Journey.round(http, clock);
      Journey.assertPosition(http, "dave", dave, 1);

      LocalHttp.Reply board = http.get("/concerts/winter-gala/queue", Map.of());
      assertThat(board.status()).isEqualTo(200);
      assertThat(board.body().get("activeUsers").asLong()).as("the board shows the queue").isEqualTo(1);
      assertThat(board.body().get("waiting").asLong()).as("the board shows the queue").isEqualTo(1);
      assertThat(board.raw().headers().firstValue("cache-control")).contains("public, max-age=1");
      assertThat(board.body().get("saleState").asText()).isEqualTo("OPEN");
      assertThat(board.body().get("maxActive").asInt()).isEqualTo(1);
      assertThat(board.body().get("saleOpensAt").isNull()).isTrue();

      LocalHttp.Reply unknown = http.get("/concerts/no-such/queue", Map.of());
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body().get("code").asText()).isEqualTo("CONCERT_NOT_FOUND");
    }
  }
}
