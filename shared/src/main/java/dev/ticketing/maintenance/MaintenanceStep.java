package dev.ticketing.maintenance;

/**
 * One job of the scheduled maintenance function. EventBridge delivers at least once and runs
 * may overlap, so a step must be safe to run twice at the same time; correctness of requests
 * must never depend on when it runs.
 */
public interface MaintenanceStep {
  String name();

  void run();
}
