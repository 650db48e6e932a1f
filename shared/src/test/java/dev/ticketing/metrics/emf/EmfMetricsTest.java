package dev.ticketing.metrics.emf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.metrics.Dimension;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.testing.EmittedMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * What CloudWatch reads from our lines (the Embedded Metric Format specification): the namespace,
 * each metric's name and unit, the dimension sets, and the values beside the directive. The
 * alarms and the dashboard of template.yaml name these metrics, units and dimensions.
 */
class EmfMetricsTest {
  private final EmittedMetrics emitted = new EmittedMetrics();

  @Test
  void a_concert_record_is_one_document_under_the_concert_and_the_services_total() {
    emitted.metrics().emit(MetricRecord.concert("winter-gala").with(Metric.PAYMENTS, 1).with(Metric.SEATS_SOLD, 2)
        .with(Metric.REVENUE, 300_000));

    List<JsonNode> documents = emitted.documents();
    assertThat(documents).hasSize(1);
    JsonNode document = documents.get(0);
    JsonNode directive = document.get("_aws").get("CloudWatchMetrics");
    assertThat(directive).hasSize(1);
    assertThat(directive.get(0).get("Namespace").asText()).isEqualTo(EmittedMetrics.NAMESPACE);
    assertThat(dimensionSets(directive.get(0))).containsExactly(List.of("ConcertId"), List.of());
    assertThat(units(directive.get(0))).isEqualTo(Map.of("Payments", "Count", "SeatsSold", "Count", "Revenue", "None"));
    assertThat(document.get("ConcertId").asText()).isEqualTo("winter-gala");
    assertThat(document.get("Payments").asDouble()).isEqualTo(1);
    assertThat(document.get("SeatsSold").asDouble()).isEqualTo(2);
    assertThat(document.get("Revenue").asDouble()).isEqualTo(300_000);
    Instant written = Instant.ofEpochMilli(document.get("_aws").get("Timestamp").asLong());
    assertThat(Duration.between(written, Instant.now()).abs()).as("stamped when written").isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void a_service_record_has_no_dimension_and_a_split_one_also_its_total() {
    emitted.metrics().emit(MetricRecord.service().with(Metric.MAINTENANCE_ROUND_DURATION, 180)
        .with(Metric.MAINTENANCE_ROUND_LAG, 40).with(Metric.MAINTENANCE_HEARTBEAT, 1));
    emitted.metrics().emit(MetricRecord.service().by(Dimension.STEP, "queue-round").with(Metric.MAINTENANCE_STEP_FAILURES, 1));

    JsonNode round = emitted.documents().get(0);
    JsonNode roundDirective = round.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(dimensionSets(roundDirective)).containsExactly(List.of());
    assertThat(units(roundDirective)).isEqualTo(Map.of("MaintenanceRoundDuration", "Milliseconds",
        "MaintenanceRoundLag", "Milliseconds", "MaintenanceHeartbeat", "Count"));
    assertThat(round.get("MaintenanceRoundLag").asDouble()).isEqualTo(40);

    JsonNode failure = emitted.documents().get(1);
    assertThat(dimensionSets(failure.get("_aws").get("CloudWatchMetrics").get(0))).containsExactly(List.of("Step"), List.of());
    assertThat(failure.get("Step").asText()).isEqualTo("queue-round");
  }

  @Test
  void every_metric_is_written_with_its_unit_under_its_name() {
    MetricRecord all = MetricRecord.concert("winter-gala").by(Dimension.SALE_STATE, "OPEN");
    for (Metric metric : Metric.values()) {
      all = all.with(metric, 1);
    }
    emitted.metrics().emit(all);

    JsonNode document = emitted.documents().get(0);
    JsonNode directive = document.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(dimensionSets(directive)).containsExactly(List.of("ConcertId", "SaleState"), List.of());
    Map<String, String> units = units(directive);
    for (Metric metric : Metric.values()) {
      String expected = switch (metric.unit()) {
        case COUNT -> "Count";
        case MILLISECONDS -> "Milliseconds";
        case SECONDS -> "Seconds";
        case NONE -> "None";
      };
      assertThat(units).as(metric.name()).containsEntry(metric.cloudWatchName(), expected);
      assertThat(document.get(metric.cloudWatchName()).asDouble()).as(metric.name()).isEqualTo(1);
    }
    assertThat(units).hasSize(Metric.values().length);
  }

  @Test
  void a_record_without_values_writes_nothing_and_one_that_cannot_be_written_fails_nothing() {
    emitted.metrics().emit(MetricRecord.concert("winter-gala"));
    assertThat(emitted.documents()).isEmpty();

    // CloudWatch refuses an empty dimension value: the record is dropped with a warning, nothing is thrown.
    emitted.metrics().emit(MetricRecord.concert("").with(Metric.QUEUE_JOINS, 1));
    assertThat(emitted.documents()).isEmpty();
    assertThat(emitted.warnings()).contains("metric not emitted").doesNotContain("\tat ");
  }

  @Test
  void priming_serializes_without_writing() {
    new EmfMetrics("ns", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), null).prime();
    emitted.metrics().prime();
    assertThat(emitted.documents()).isEmpty();
  }

  private static List<List<String>> dimensionSets(JsonNode directive) {
    List<List<String>> sets = new ArrayList<>();
    directive.get("Dimensions").forEach(set -> sets.add(StreamSupport.stream(set.spliterator(), false)
        .map(JsonNode::asText).toList()));
    return sets;
  }

  private static Map<String, String> units(JsonNode directive) {
    return StreamSupport.stream(directive.get("Metrics").spliterator(), false)
        .collect(Collectors.toMap(m -> m.get("Name").asText(), m -> m.get("Unit").asText()));
  }
}
