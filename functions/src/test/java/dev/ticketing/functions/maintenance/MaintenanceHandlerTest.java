package dev.ticketing.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.ticketing.testing.SmallCatalog;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.maintenance.MaintenanceRounds;
import dev.ticketing.metrics.Metric;
import dev.ticketing.testing.EmittedMetrics;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduled function gives its rounds the time Lambda says it has left: with less than a
 * round's budget it runs none and fails, so the failure is seen (Errors alarm, failure queue).
 */
@ExtendWith(DynamoDbExtension.class)
class MaintenanceHandlerTest {
  private static final byte[] EVENT = "{\"time\":\"2026-11-25T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:01Z");

  /** A Lambda context that has {@code left} of the function's timeout left. */
  private static Context leaving(Duration left) {
    return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis") ? (int) left.toMillis() : null);
  }

  @Test
  void a_round_runs_with_its_budget_left_and_none_with_less(TestTable table) throws Exception {
    EmittedMetrics emitted = new EmittedMetrics();
    MaintenanceHandler handler = new MaintenanceHandler(TestApp.on(table, clock, Map.of(), emitted.metrics()));
    TestApp.on(table, clock).catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));

    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(EVENT), answer, leaving(MaintenanceRounds.ROUND_BUDGET));
    JsonNode done = new ObjectMapper().readTree(answer.toByteArray());
    assertThat(done.get("status").asText()).isEqualTo("ok");
    assertThat(done.get("rounds").asInt()).isEqualTo(1);

    assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(EVENT), new ByteArrayOutputStream(),
        leaving(MaintenanceRounds.ROUND_BUDGET.minusMillis(1))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no maintenance round");
    assertThat(emitted.documents().stream().filter(d -> d.has(Metric.MAINTENANCE_HEARTBEAT.cloudWatchName())))
        .as("the one round that ran").hasSize(1);
  }
}
