package dev.ticketing.maintenance;

import dev.ticketing.domain.Instants;
import dev.ticketing.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
  /** What an invocation did: its rounds, how many failed, and what the last one did. */
  public record Outcome(int rounds, int failedRounds, Maintenance.Round lastRound) {
    public boolean lastRoundFailed() {
      return !lastRound.failed().isEmpty();
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
    Instant stopBy = Instants.now(clock).plus(settings.maintenanceRun());
    // Also bounded by count: a clock that does not move (a test's) must not keep it going.
    long mostRounds = Math.max(1, settings.maintenanceRun().toMillis() / settings.admissionRound().toMillis());
    int rounds = 0;
    int failedRounds = 0;
    Maintenance.Round round;
    while (true) {
      Instant roundStarted = Instants.now(clock);
      round = maintenance.runAll();
      rounds++;
      if (!round.failed().isEmpty()) {
        failedRounds++;
      }
      Instant next = roundStarted.plus(settings.admissionRound());
      if (rounds >= mostRounds || !next.isBefore(stopBy)) {
        break;
      }
      try {
        Duration wait = Duration.between(Instants.now(clock), next);
        if (!wait.isNegative()) {
          pause.pause(wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;  // the runtime is stopping: the next invocation carries on
      }
    }
    return new Outcome(rounds, failedRounds, round);
  }
}
