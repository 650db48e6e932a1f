package dev.ticketing.functions.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.queue.JoinQueueHandler;
import dev.ticketing.functions.queue.QueueStatusHandler;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.faults.FaultyStorage;
import dev.ticketing.wiring.AppComponent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batch reads of the hottest requests (the status poll, the join) when DynamoDB leaves keys
 * unprocessed: a few partial answers are absorbed by re-sending the keys after a pause; keys that
 * stay unprocessed end, within a bound, in a 503 with Retry-After instead of a loop that spins
 * until the function's timeout.
 */
@ExtendWith(DynamoDbExtension.class)
class UnprocessedKeysTest {
  private static final String CONCERT = "winter-gala";
  /** Far more partial answers than any bounded retry makes. */
  private static final int ALWAYS = 1_000_000;
  /** Well above the bounded retries' pauses; the unbounded loop it replaced never ended. */
  private static final Duration NO_SPINNING = Duration.ofSeconds(30);
  private final ObjectMapper json = new ObjectMapper();
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");

  @Test
  void a_status_poll_retries_unprocessed_keys_and_then_answers_503(TestTable healthy) throws Exception {
    AppComponent app = TestApp.on(healthy, clock);
    app.catalogSeeder().seed(DemoCatalog.create(clock));
    String token = app.joinQueue().join("alice", CONCERT).view().token();
    ApiGatewayRequest poll = ApiGatewayEvents.request("GET", "/queue/status").user("alice").header("X-Queue-Token", token).build();

    try (FaultyStorage storage = new FaultyStorage(healthy)) {
      HttpFunction handler = new QueueStatusHandler(TestApp.on(storage.table, clock));

      storage.faults.armUnprocessedKeys(2);
      ApiGatewayResponse absorbed = handler.respond(poll);
      assertThat(absorbed.statusCode()).isEqualTo(200);
      assertThat(body(absorbed).get("token").asText()).isEqualTo(token);
      assertThat(storage.faults.partialBatches()).isEqualTo(2);

      storage.faults.armUnprocessedKeys(ALWAYS);
      ApiGatewayResponse outlasted = assertTimeoutPreemptively(NO_SPINNING, () -> handler.respond(poll));
      assertUnavailable(outlasted);
      int partialAnswers = storage.faults.partialBatches() - 2;
      assertThat(partialAnswers).as("bounded: calls that got keys back").isBetween(2, 20);

      storage.faults.disarm();
      assertThat(handler.respond(poll).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_join_whose_reads_stay_unprocessed_answers_503_and_a_retry_joins_once(TestTable healthy) throws Exception {
    TestApp.on(healthy, clock).catalogSeeder().seed(DemoCatalog.create(clock));
    ApiGatewayRequest join = ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens").user("bob")
        .path("concertId", CONCERT).build();

    try (FaultyStorage storage = new FaultyStorage(healthy)) {
      HttpFunction handler = new JoinQueueHandler(TestApp.on(storage.table, clock));

      storage.faults.armUnprocessedKeys(ALWAYS);
      assertUnavailable(assertTimeoutPreemptively(NO_SPINNING, () -> handler.respond(join)));
      storage.faults.disarm();

      ApiGatewayResponse retried = handler.respond(join);
      assertThat(retried.statusCode()).isEqualTo(201);
      storage.faults.armUnprocessedKeys(1);
      ApiGatewayResponse again = handler.respond(join);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(body(again).get("token")).isEqualTo(body(retried).get("token"));
      assertThat(storage.faults.partialBatches()).isPositive();
    }
  }

  private JsonNode body(ApiGatewayResponse response) throws Exception {
    return json.readTree(response.body());
  }

  private static void assertUnavailable(ApiGatewayResponse response) {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("retry-after", "1");
    assertThat(response.body()).contains("UNAVAILABLE").doesNotContain("Exception");
  }
}
