package dev.ticketing.maintenance;

import java.util.Map;

/**
 * One job of the scheduled maintenance function. EventBridge delivers at least once and runs
 * may overlap, so a step must be safe to run twice at the same time; correctness of requests
 * must never depend on when it runs.
 */
public interface MaintenanceStep {
  String name();

  /** Runs the step over every concert; what it did, counted by kind (e.g. {@code usersAdmitted: 3}). */
  Map<String, Long> run();
}
