package dev.ticketing.maintenance;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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

  /**
   * A moment after {@code after} at which this step needs a round of its own, whatever the
   * rounds' period (a pre-queue's cut-off); empty if none is known.
   */
  default Optional<Instant> roundDueAfter(Instant after) {
    return Optional.empty();
  }
}
