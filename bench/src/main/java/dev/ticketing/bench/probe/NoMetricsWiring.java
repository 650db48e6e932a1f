package dev.ticketing.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ticketing.config.Settings;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.MetricsModule;
import java.time.Clock;

/**
 * The production wiring (what {@code AppComponent.fromEnvironment()} builds) with metrics that emit
 * nothing: the cold-start benchmark's baseline for what the metrics cost a fresh function.
 */
final class NoMetricsWiring {
  private NoMetricsWiring() {}

  /** Selected by the JVM flag {@code -Dbench.metrics=off}. */
  static boolean selected() {
    return "off".equals(System.getProperty("bench.metrics"));
  }

  static RequestStreamHandler handler(String handlerClass) throws ReflectiveOperationException {
    AppComponent app = AppComponent.builder().settings(Settings.fromEnvironment(System.getenv())).clock(Clock.systemUTC())
        .metricsModule(new MetricsModule(Metrics.NONE)).build();
    return (RequestStreamHandler) Class.forName(handlerClass).getConstructor(AppComponent.class).newInstance(app);
  }
}
