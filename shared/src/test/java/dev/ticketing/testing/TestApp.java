package dev.ticketing.testing;

import dev.ticketing.config.Settings;
import dev.ticketing.engine.junit.TestTable;
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
    Map<String, String> env = new HashMap<>(environment);
    env.put("TABLE_NAME", table.name());
    return TestComponent.builder()
        .settings(Settings.fromEnvironment(env))
        .clock(clock)
        .storageModule(new StorageModule(table.client()))
        .build();
  }
}
