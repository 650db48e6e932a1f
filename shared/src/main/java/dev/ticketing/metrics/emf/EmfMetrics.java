package dev.ticketing.metrics.emf;

import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import dev.ticketing.metrics.Dimension;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Records as CloudWatch Embedded Metric Format lines on standard output, through awslabs'
 * aws-embedded-metrics: Lambda sends them to the function's log group, where CloudWatch turns them
 * into metrics; locally they are lines of the runtime's log. Only the library's model and
 * serializer are used, one document per record, written at once: nothing is kept per invocation,
 * so concurrent requests of one instance (the local runtime's) never share a document, and a
 * function that times out has lost no metric it emitted before.
 *
 * <p>Each document's timestamp is the time it is written (the library's default): CloudWatch
 * files a metric under it and refuses one more than two weeks old, so a test's clock has no say.
 */
public final class EmfMetrics implements Metrics {
  private final String namespace;
  private final PrintStream out;
  private final JsonLog log;

  public EmfMetrics(String namespace, PrintStream out, JsonLog log) {
    this.namespace = namespace;
    this.out = out;
    this.log = log;
  }

  @Override
  public void emit(MetricRecord record) {
    if (record.isEmpty()) {
      return;
    }
    List<String> lines;
    try {
      lines = document(record);
    } catch (Exception e) {
      // A metric never fails what it counts, which has happened by now.
      log.warn("metric not emitted", FailureFields.of(e));
      return;
    }
    for (String line : lines) {
      out.println(line);
    }
  }

  /** The record's document (more than one only past EMF's 100 metrics per document). */
  List<String> document(MetricRecord record) throws Exception {
    MetricsContext context = new MetricsContext();
    context.setNamespace(namespace);
    DimensionSet dimensions = new DimensionSet();
    for (Map.Entry<Dimension, String> dimension : record.dimensions().entrySet()) {
      dimensions.addDimension(dimension.getKey().cloudWatchName(), dimension.getValue());
    }
    if (record.dimensions().isEmpty()) {
      context.setDimensions(false, dimensions);
    } else {
      // Also under no dimension at all: the service's total, which alarms can watch without knowing concerts.
      context.setDimensions(false, dimensions, new DimensionSet());
    }
    for (Map.Entry<Metric, Double> value : record.values().entrySet()) {
      context.putMetric(value.getKey().cloudWatchName(), value.getValue(), unit(value.getKey().unit()));
    }
    return context.serialize();
  }

  /** Serializes a document without writing it. */
  @Override
  public void prime() {
    try {
      document(MetricRecord.concert("snapstart-priming").with(Metric.QUEUE_JOINS, 1));
    } catch (Exception e) {
      throw new IllegalStateException("the metrics serializer cannot serialize", e);
    }
  }

  private static Unit unit(Metric.Unit unit) {
    return switch (unit) {
      case COUNT -> Unit.COUNT;
      case MILLISECONDS -> Unit.MILLISECONDS;
      case SECONDS -> Unit.SECONDS;
      case NONE -> Unit.NONE;
    };
  }
}
