package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Joining and polling the queue over HTTP, with the identity API Gateway would pass on. */
@ExtendWith(DynamoDbExtension.class)
class QueueHttpTest {

  @Test
  void join_returns_201_then_200_with_the_same_token_and_status_reads_it(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "3600"))) {
      LocalHttp.Reply first = http.send("POST", "/concerts/winter-gala/queue/tokens", Map.of("X-User-Id", "alice"), null);
      assertThat(first.status()).isEqualTo(201);
      assertThat(first.body().get("status").asText()).isEqualTo("WAITING");
      assertThat(first.body().get("position").asLong()).isEqualTo(1);
      assertThat(first.body().get("activeUntil").isNull()).isTrue();
      String token = first.body().get("token").asText();

      LocalHttp.Reply again = http.send("POST", "/concerts/winter-gala/queue/tokens", Map.of("X-User-Id", "alice"), null);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body().get("token").asText()).isEqualTo(token);

      LocalHttp.Reply status = http.get("/queue/status", Map.of("X-User-Id", "alice", "X-Queue-Token", token));
      assertThat(status.status()).isEqualTo(200);
      assertThat(status.body().get("position").asLong()).isEqualTo(1);

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
}
