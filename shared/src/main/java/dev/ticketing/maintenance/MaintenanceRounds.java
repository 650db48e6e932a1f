package dev.ticketing.maintenance;

import dev.ticketing.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;

/**
 * One invocation of the scheduled function: maintenance rounds every
 * {@code ADMISSION_ROUND_SECONDS} until {@code MAINTENANCE_RUN_SECONDS} after it started, so a
 * slot freed by a payment is refilled within seconds although EventBridge calls once a minute,
 * and the next invocation starts as this one ends. {@code MAINTENANCE_RUN_SECONDS=0}: one round
 * (the local runtime's scheduler ticks). A round that fails does not stop the next: storage that
 * is throttled now may answer in two seconds.
 */
public final class MaintenanceRounds {
  /** What an invocation did: its rounds, how many failed, and the steps that failed in the last one. */
  public record Outcome(int rounds, int failedRounds, List<String> lastRoundFailures) {
    public boolean lastRoundFailed() {
      return !lastRoundFailures.isEmpty();
    }
  }

  /** Waits between rounds; tests move a clock instead. */
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final Maintenance maintenance;
  private final Clock clock;
  private final Settings settings;
  private final Pause pause;

  @Inject
  public MaintenanceRounds(Maintenance maintenance, Clock clock, Settings settings, Pause pause) {
    this.maintenance = maintenance;
    this.clock = clock;
    this.settings = settings;
    this.pause = pause;
  }

  public Outcome run() {
    Instant stopBy = clock.instant().plus(settings.maintenanceRun());
    // Also bounded by count: a clock that does not move (a test's) must not keep it going.
    long mostRounds = Math.max(1, settings.maintenanceRun().toMillis() / settings.admissionRound().toMillis());
    int rounds = 0;
    int failedRounds = 0;
    List<String> failures;
    while (true) {
      Instant roundStarted = clock.instant();
      failures = maintenance.runAll();
      rounds++;
      if (!failures.isEmpty()) {
        failedRounds++;
      }
      Instant next = roundStarted.plus(settings.admissionRound());
      if (rounds >= mostRounds || !next.isBefore(stopBy)) {
        break;
      }
      try {
        Duration wait = Duration.between(clock.instant(), next);
        if (!wait.isNegative()) {
          pause.pause(wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;  // the runtime is stopping: the next invocation carries on
      }
    }
    return new Outcome(rounds, failedRounds, failures);
  }
}
