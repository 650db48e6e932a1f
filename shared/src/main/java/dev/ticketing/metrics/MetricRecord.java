package dev.ticketing.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Measurements of one event under one set of dimension values (a concert's round, a payment),
 * emitted together as one record. Published under its dimensions and, if it has any, also
 * without them: the service's total.
 */
public record MetricRecord(Map<Dimension, String> dimensions, Map<Metric, Double> values) {
  public MetricRecord {
    dimensions = Collections.unmodifiableMap(dimensions.isEmpty() ? new EnumMap<>(Dimension.class) : new EnumMap<>(dimensions));
    values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(Metric.class) : new EnumMap<>(values));
  }

  /** A record of the whole service, without dimensions. */
  public static MetricRecord service() {
    return new MetricRecord(Map.of(), Map.of());
  }

  /** A record of one concert. */
  public static MetricRecord concert(String concertId) {
    return service().by(Dimension.CONCERT, concertId);
  }

  /** This record, also split by {@code dimension}. */
  public MetricRecord by(Dimension dimension, String value) {
    Map<Dimension, String> more = new EnumMap<>(Dimension.class);
    more.putAll(dimensions);
    more.put(dimension, value);
    return new MetricRecord(more, values);
  }

  /** This record with {@code metric} measured as {@code value}. */
  public MetricRecord with(Metric metric, double value) {
    Map<Metric, Double> more = new EnumMap<>(Metric.class);
    more.putAll(values);
    more.put(metric, value);
    return new MetricRecord(dimensions, more);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}
