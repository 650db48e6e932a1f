package dev.ticketing.maintenance;

import java.util.Map;

/**
 * One job of the scheduled maintenance function, done concert by concert. EventBridge delivers at
 * least once and runs may overlap, so a step must be safe to run twice at the same time;
 * correctness of requests must never depend on when it runs.
 */
public interface MaintenanceStep {
  String name();

  /**
   * Runs the step for one concert; what it did, counted by kind (e.g. {@code usersAdmitted: 3}).
   * A failure ends it for this concert only: {@link Maintenance} goes on with the next.
   */
  Map<String, Long> runFor(String concertId);
}
