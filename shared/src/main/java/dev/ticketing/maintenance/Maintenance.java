package dev.ticketing.maintenance;

import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.inject.Inject;

/**
 * One round of every maintenance step for every live concert. Each step of each concert is a
 * failure boundary of its own: a concert whose storage stays throttled fails only its own steps,
 * and every other concert (often the one in its rush) still has its round.
 */
public final class Maintenance {
  private final List<MaintenanceStep> steps;
  private final LiveConcerts concerts;
  private final JsonLog log;

  /** A step that failed for one concert; for none in particular when the concerts could not be listed. */
  public record Failure(String step, Optional<String> concertId) {}

  /** What one round did: each step's counts summed over its concerts, in step order, and what failed. */
  public record Round(Map<String, Map<String, Long>> done, List<Failure> failures) {
    /** No round at all (an invocation without the time for one). */
    public static final Round NONE = new Round(Map.of(), List.of());

    public Round {
      done = Collections.unmodifiableMap(new LinkedHashMap<>(done));
      failures = List.copyOf(failures);
    }

    /** The names of the steps that failed for at least one concert, in step order. */
    public List<String> failed() {
      return failures.stream().map(Failure::step).distinct().toList();
    }
  }

  @Inject
  public Maintenance(Set<MaintenanceStep> steps, LiveConcerts concerts, JsonLog log) {
    this.steps = steps.stream().sorted(Comparator.comparing(MaintenanceStep::name)).toList();
    this.concerts = concerts;
    this.log = log;
  }

  /** The first moment after {@code after} at which a step needs a round (a pre-queue's cut-off), if any. */
  public Optional<Instant> roundDueAfter(Instant after) {
    return steps.stream().map(step -> step.roundDueAfter(after)).flatMap(Optional::stream).min(Comparator.naturalOrder());
  }

  /** One round of every step, read once for all of them: the live concerts. */
  public Round runAll() {
    List<String> concertIds;
    try {
      concertIds = concerts.ids();
    } catch (RuntimeException e) {
      // Without the list no step can run for any concert: each of them failed.
      List<Failure> failures = steps.stream().map(step -> new Failure(step.name(), Optional.empty())).toList();
      failures.forEach(failure -> logFailure(failure, e));
      return new Round(Map.of(), failures);
    }
    Map<String, Map<String, Long>> done = new LinkedHashMap<>();
    List<Failure> failures = new ArrayList<>();
    for (MaintenanceStep step : steps) {
      Map<String, Long> counts = new TreeMap<>();
      for (String concertId : concertIds) {
        try {
          step.runFor(concertId).forEach((kind, count) -> counts.merge(kind, count, Long::sum));
        } catch (RuntimeException e) {
          Failure failure = new Failure(step.name(), Optional.of(concertId));
          failures.add(failure);
          logFailure(failure, e);
        }
      }
      done.put(step.name(), Collections.unmodifiableMap(counts));
    }
    return new Round(done, failures);
  }

  private void logFailure(Failure failure, RuntimeException e) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("step", failure.step());
    failure.concertId().ifPresent(concertId -> fields.put("concertId", concertId));
    fields.putAll(FailureFields.of(e));
    log.error("maintenance step failed", fields);
  }
}
