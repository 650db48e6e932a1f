package dev.ticketing.maintenance;

import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;

/** Runs every maintenance step; one failing step does not keep the others from running. */
public final class Maintenance {
  private final List<MaintenanceStep> steps;
  private final JsonLog log;

  /** What one round did: each step's counts, in step order, and the names of the steps that failed. */
  public record Round(Map<String, Map<String, Long>> done, List<String> failed) {
    public Round {
      done = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(done));
      failed = List.copyOf(failed);
    }
  }

  @Inject
  public Maintenance(Set<MaintenanceStep> steps, JsonLog log) {
    this.steps = steps.stream().sorted(Comparator.comparing(MaintenanceStep::name)).toList();
    this.log = log;
  }

  /** One round of every step. */
  public Round runAll() {
    Map<String, Map<String, Long>> done = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    for (MaintenanceStep step : steps) {
      try {
        done.put(step.name(), java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(step.run())));
      } catch (RuntimeException e) {
        failed.add(step.name());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", step.name());
        fields.putAll(FailureFields.of(e));
        log.error("maintenance step failed", fields);
      }
    }
    return new Round(done, failed);
  }
}
