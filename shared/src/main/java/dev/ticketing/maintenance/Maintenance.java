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

  @Inject
  public Maintenance(Set<MaintenanceStep> steps, JsonLog log) {
    this.steps = steps.stream().sorted(Comparator.comparing(MaintenanceStep::name)).toList();
    this.log = log;
  }

  /** The names of the steps that failed; empty when all succeeded. */
  public List<String> runAll() {
    List<String> failed = new ArrayList<>();
    for (MaintenanceStep step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        failed.add(step.name());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", step.name());
        fields.putAll(FailureFields.of(e));
        log.error("maintenance step failed", fields);
      }
    }
    return failed;
  }
}
