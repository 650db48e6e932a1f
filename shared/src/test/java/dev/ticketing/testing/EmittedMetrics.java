package dev.ticketing.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.log.JsonLog;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.metrics.emf.EmfMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real EMF metrics writing into a buffer instead of standard output, and what was written,
 * read back as CloudWatch would read it: each line a JSON document whose {@code _aws} directive
 * names the metrics, their units and the dimension sets, with the values beside it.
 */
public final class EmittedMetrics {
  public static final String NAMESPACE = "ConcertReservationTest";

  private final ObjectMapper json = JsonMapper.create();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final ByteArrayOutputStream logBuffer = new ByteArrayOutputStream();
  private final Metrics metrics = new EmfMetrics(NAMESPACE, new PrintStream(buffer, true, StandardCharsets.UTF_8),
      new JsonLog(json, Clock.systemUTC(), new PrintStream(logBuffer, true, StandardCharsets.UTF_8)));

  public Metrics metrics() {
    return metrics;
  }

  /** Every document written so far, in order. */
  public synchronized List<JsonNode> documents() {
    List<JsonNode> documents = new ArrayList<>();
    for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        try {
          documents.add(json.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException("not a JSON line: " + line, e);
        }
      }
    }
    return documents;
  }

  /** What the metrics wrote to the log instead of a document (a record that could not be written). */
  public String warnings() {
    return logBuffer.toString(StandardCharsets.UTF_8);
  }

  /** The sum of {@code metric} over every document of {@code concertId} (empty: service-wide ones). */
  public double sum(Metric metric, Optional<String> concertId) {
    return documents().stream()
        .filter(d -> d.has(metric.cloudWatchName()))
        .filter(d -> concertId.map(id -> id.equals(d.path("ConcertId").asText(null))).orElse(!d.has("ConcertId")))
        .mapToDouble(d -> d.get(metric.cloudWatchName()).asDouble())
        .sum();
  }

  public double sum(Metric metric, String concertId) {
    return sum(metric, Optional.of(concertId));
  }

  /** The last value of {@code metric} written for {@code concertId}, if any was (gauges). */
  public Optional<Double> last(Metric metric, String concertId) {
    List<JsonNode> documents = documents();
    for (int i = documents.size() - 1; i >= 0; i--) {
      JsonNode d = documents.get(i);
      if (d.has(metric.cloudWatchName()) && concertId.equals(d.path("ConcertId").asText(null))) {
        return Optional.of(d.get(metric.cloudWatchName()).asDouble());
      }
    }
    return Optional.empty();
  }

  public synchronized void clear() {
    buffer.reset();
  }
}
