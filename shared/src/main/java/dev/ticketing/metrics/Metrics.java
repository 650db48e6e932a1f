package dev.ticketing.metrics;

/**
 * Where use cases report what happened, for CloudWatch (docs/runbook.md reads them). An
 * implementation writes records as log lines (CloudWatch Embedded Metric Format): no request to
 * DynamoDB or CloudWatch, nothing that can fail or slow the request that reports. Metrics are
 * emitted after the change they count is made, and a failure to emit is swallowed.
 */
public interface Metrics {
  /** Emits nothing: for unit tests of domain rules and the benchmark's comparison without metrics. */
  Metrics NONE = record -> { };

  /** Emits one record; a record without values is not written. */
  void emit(MetricRecord record);

  /**
   * Loads and runs what emitting needs without emitting anything, for SnapStart priming: a
   * restored function's first metric then costs what every later one does.
   */
  default void prime() {
  }
}
