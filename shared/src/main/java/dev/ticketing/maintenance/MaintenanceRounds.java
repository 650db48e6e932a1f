package dev.ticketing.maintenance;

import dev.ticketing.domain.Instants;
import dev.ticketing.config.Settings;
import dev.ticketing.metrics.Dimension;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;

/**
 * One invocation of the scheduled function: maintenance rounds every
 * {@code ADMISSION_ROUND_SECONDS} until {@code MAINTENANCE_RUN_SECONDS} after it started, so a
 * slot freed by a payment is refilled within seconds although EventBridge calls once a minute,
 * and the next invocation starts as this one ends. {@code MAINTENANCE_RUN_SECONDS=0}: one round
 * (the local runtime's scheduler ticks). A round that fails does not stop the next: storage that
 * is throttled now may answer in two seconds.
 *
 * <p>Each round reports its duration, its lag (how late it started) and, if every step
 * succeeded, a heartbeat; each failed step a failure of its own (docs/runbook.md).
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

  /** An event scheduled longer ago is no live schedule's (a replay, a sample event): no lag is measured from it. */
  static final Duration LIVE_EVENT_AGE = Duration.ofMinutes(5);

  private final Maintenance maintenance;
  private final Clock clock;
  private final Settings settings;
  private final Pause pause;
  private final Metrics metrics;

  @Inject
  public MaintenanceRounds(Maintenance maintenance, Clock clock, Settings settings, Pause pause, Metrics metrics) {
    this.maintenance = maintenance;
    this.clock = clock;
    this.settings = settings;
    this.pause = pause;
    this.metrics = metrics;
  }

  public Outcome run() {
    return run(Optional.empty());
  }

  /** One invocation; the first round's lag is measured from {@code scheduledFor}, the time its event was scheduled for. */
  public Outcome run(Optional<Instant> scheduledFor) {
    Instant invoked = Instants.now(clock);
    Instant stopBy = invoked.plus(settings.maintenanceRun());
    Instant planned = scheduledFor
        .filter(at -> !at.isAfter(invoked) && Duration.between(at, invoked).compareTo(LIVE_EVENT_AGE) <= 0)
        .orElse(null);
    // Also bounded by count: a clock that does not move (a test's) must not keep it going.
    long mostRounds = Math.max(1, settings.maintenanceRun().toMillis() / settings.admissionRound().toMillis());
    int rounds = 0;
    int failedRounds = 0;
    Maintenance.Round round;
    while (true) {
      Instant roundStarted = Instants.now(clock);
      round = maintenance.runAll();
      report(round, roundStarted, planned);
      rounds++;
      if (!round.failed().isEmpty()) {
        failedRounds++;
      }
      Instant next = roundStarted.plus(settings.admissionRound());
      planned = next;
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

  private void report(Maintenance.Round round, Instant started, Instant planned) {
    MetricRecord record = MetricRecord.service()
        .with(Metric.MAINTENANCE_ROUND_DURATION, Duration.between(started, Instants.now(clock)).toMillis());
    if (planned != null) {
      record = record.with(Metric.MAINTENANCE_ROUND_LAG, Math.max(0, Duration.between(planned, started).toMillis()));
    }
    if (round.failed().isEmpty()) {
      record = record.with(Metric.MAINTENANCE_HEARTBEAT, 1);
    }
    metrics.emit(record);
    // A step counts once per concert it failed for; the log lines name the concerts.
    Map<String, Long> failuresByStep = round.failures().stream()
        .collect(Collectors.groupingBy(Maintenance.Failure::step, LinkedHashMap::new, Collectors.counting()));
    failuresByStep.forEach((step, count) ->
        metrics.emit(MetricRecord.service().by(Dimension.STEP, step).with(Metric.MAINTENANCE_STEP_FAILURES, count)));
  }
}
