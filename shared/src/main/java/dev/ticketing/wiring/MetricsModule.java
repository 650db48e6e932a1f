package dev.ticketing.wiring;

import dagger.Module;
import dagger.Provides;
import dev.ticketing.config.Settings;
import dev.ticketing.log.JsonLog;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.metrics.emf.EmfMetrics;
import javax.inject.Singleton;

/**
 * Metrics wiring. The default writes CloudWatch Embedded Metric Format lines to standard output,
 * beside the logs (in AWS and locally alike); tests and the benchmarks pass metrics of their own
 * (a buffer they read, or {@link Metrics#NONE}).
 */
@Module
public final class MetricsModule {
  private final Metrics metrics;

  public MetricsModule() {
    this(null);
  }

  public MetricsModule(Metrics metrics) {
    this.metrics = metrics;
  }

  @Provides
  @Singleton
  Metrics metrics(Settings settings, JsonLog log) {
    return metrics != null ? metrics : new EmfMetrics(settings.metricsNamespace(), System.out, log);
  }
}
