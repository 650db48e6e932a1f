package dev.ticketing.storage;

import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts the attempts of each DynamoDB call that were throttled, from the SDK's own per-attempt
 * metrics, whether its retries absorbed them or not: a throttled call that outlasts the retries
 * usually ends in the call's timeout, not in the throttling error, so only the attempts tell.
 */
final class ThrottledAttempts implements MetricPublisher {
  /** {@code SdkErrorType.THROTTLING}'s value of {@link CoreMetric#ERROR_TYPE}. */
  private static final String THROTTLING = "Throttling";

  private final Metrics metrics;

  ThrottledAttempts(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void publish(MetricCollection call) {
    long throttled = call.children().stream()
        .filter(attempt -> attempt.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING))
        .count();
    if (throttled > 0) {
      metrics.emit(MetricRecord.service().with(Metric.STORAGE_THROTTLED, throttled));
    }
  }

  @Override
  public void close() {
    // Nothing is buffered.
  }
}
