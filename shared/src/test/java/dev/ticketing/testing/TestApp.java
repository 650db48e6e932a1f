package dev.ticketing.testing;

import dev.ticketing.config.Settings;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.wiring.MetricsModule;
import dev.ticketing.wiring.StorageModule;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The real object graph on a test table, with a clock and settings of the test's choosing. */
public final class TestApp {
  private TestApp() {}

  public static TestComponent on(TestTable table, Clock clock) {
    return on(table, clock, Map.of());
  }

  public static TestComponent on(TestTable table, Clock clock, Map<String, String> environment) {
    return on(table, clock, environment, Metrics.NONE);
  }

  /** With the metrics of the test's choosing (the real ones, writing into a buffer: {@link EmittedMetrics}). */
  public static TestComponent on(TestTable table, Clock clock, Map<String, String> environment, Metrics metrics) {
    Map<String, String> env = new HashMap<>(environment);
    env.put("TABLE_NAME", table.name());
    // The shard count sizes DynamoDB partitions, not the logic: a round queries every shard, so
    // tests that run hundreds of rounds use a few (QueuePlacementTest varies them).
    env.putIfAbsent("QUEUE_JOIN_SHARDS", "8");
    // One maintenance round per invocation of the scheduled function, as the local runtime runs it.
    env.putIfAbsent("MAINTENANCE_RUN_SECONDS", "0");
    // Tests hold the clock still; placement's settling time is tested where a test moves the clock.
    env.putIfAbsent("QUEUE_PLACEMENT_SETTLE_SECONDS", "0");
    return TestComponent.builder()
        .settings(Settings.fromEnvironment(env))
        .clock(clock)
        .storageModule(new StorageModule(table.client()))
        .metricsModule(new MetricsModule(metrics))
        .build();
  }
}
