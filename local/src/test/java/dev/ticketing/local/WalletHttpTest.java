package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class WalletHttpTest {

  @Test
  void charges_over_http_are_idempotent_per_key_and_validated(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "3600"))) {
      Map<String, String> alice = Map.of("X-User-Id", "alice", "Content-Type", "application/json");
      assertThat(http.get("/users/me/balance", alice).body().get("balance").asLong()).isZero();

      Map<String, String> keyed = Map.of("X-User-Id", "alice", "Content-Type", "application/json", "Idempotency-Key", "k-1");
      LocalHttp.Reply first = http.send("POST", "/users/me/balance/charges", keyed, "{\"amount\": 50000}");
      LocalHttp.Reply repeat = http.send("POST", "/users/me/balance/charges", keyed, "{\"amount\": 50000}");
      assertThat(first.status()).isEqualTo(200);
      assertThat(repeat.status()).isEqualTo(200);
      assertThat(repeat.body().get("chargedAmount").asLong()).isEqualTo(50_000);
      assertThat(repeat.body().get("balance").asLong()).isEqualTo(50_000);
      assertThat(first.body().get("userId").asText()).isEqualTo("alice");

      LocalHttp.Reply reused = http.send("POST", "/users/me/balance/charges", keyed, "{\"amount\": 60000}");
      assertThat(reused.status()).isEqualTo(409);
      assertThat(reused.body().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

      // Without a key every request is its own charge.
      http.send("POST", "/users/me/balance/charges", alice, "{\"amount\": 1000}");
      http.send("POST", "/users/me/balance/charges", alice, "{\"amount\": 1000}");
      assertThat(http.get("/users/me/balance", alice).body().get("balance").asLong()).isEqualTo(52_000);

      for (String bad : new String[] {"{\"amount\": 0}", "{\"amount\": -1}", "{\"amount\": 1.5}", "{\"amount\": \"5\"}",
          "{\"amount\": 9223372036854775808}", "{}", "{\"amount\": 5, \"extra\": 1}", "{", ""}) {
        LocalHttp.Reply reply = http.send("POST", "/users/me/balance/charges", alice, bad);
        assertThat(reply.status()).as(bad).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
      }
      assertThat(http.get("/users/me/balance", alice).body().get("balance").asLong()).isEqualTo(52_000);
      assertThat(http.get("/users/me/balance", Map.of("X-User-Id", "bob")).body().get("balance").asLong()).isZero();
    }
  }
}
