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
 * slot freed by a payment is refilled within seconds although EventBridge calls once a minute. The
 * run is a few rounds longer than the schedule's minute, so the next invocation has taken over
 * before this one stops: rounds never pause between invocations (the few rounds in which both run
 * are safe, every write being a compare-and-set). A round starts only while the invocation has
 * {@link #ROUND_BUDGET} left, so its timeout never cuts one short. A pre-queue's cut-off that falls
 * between two rounds gets a round at that moment. {@code MAINTENANCE_RUN_SECONDS=0}:
 * one round (the local runtime's scheduler ticks). A round that fails does not stop the next:
 * storage that is throttled now may answer in two seconds.
 *
 * <p>Each round reports its duration, its lag (how late it started) and, if every step
 * succeeded, a heartbeat; each failed step a failure of its own (docs/runbook.md).
 */
public final class MaintenanceRounds {
  /**
   * The time a round is given: none starts with less left before the invocation's timeout. A round
   * takes well under a second when storage answers; one whose calls are throttled waits out the
   * client's bound of a call (8 s with its retries) a few times. One that outlasts the budget may
   * still be cut short by the timeout: safe (the next round finishes what it began), but a failed
   * invocation.
   */
  public static final Duration ROUND_BUDGET = Duration.ofSeconds(30);

  /** What an invocation did: its rounds, how many failed, and what the last one did ({@link Maintenance.Round#NONE} if none ran). */
  public record Outcome(int rounds, int failedRounds, Maintenance.Round lastRound) {
    public boolean lastRoundFailed() {
      return !lastRound.failures().isEmpty();
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

  /** An invocation without an event time or a timeout (a test's, a benchmark's). */
  public Outcome run() {
    return run(Optional.empty(), Optional.empty());
  }

  /**
   * One invocation. The first round's lag is measured from {@code scheduledFor}, the time its event
   * was scheduled for; {@code timeLeft} is the time the runtime gives it from now (Lambda's
   * remaining time; empty: no limit), of which each round needs {@link #ROUND_BUDGET}.
   */
  public Outcome run(Optional<Instant> scheduledFor, Optional<Duration> timeLeft) {
    Instant invoked = Instants.now(clock);
    Instant stopBy = invoked.plus(settings.maintenanceRun());
    Optional<Instant> timeout = timeLeft.map(invoked::plus);
    Instant planned = scheduledFor
        .filter(at -> !at.isAfter(invoked) && Duration.between(at, invoked).compareTo(LIVE_EVENT_AGE) <= 0)
        .orElse(null);
    // Also bounded by count: a clock that does not move (a test's) must not keep it going.
    long mostRounds = Math.max(1, settings.maintenanceRun().toMillis() / settings.admissionRound().toMillis());
    int rounds = 0;
    int failedRounds = 0;
    Maintenance.Round round = Maintenance.Round.NONE;
    Instant next = invoked;
    // Checked at the round's start (the planned one, or now if the last round overran it), before
    // pausing until then: an invocation out of time ends at once.
    while (hasTimeForRound(timeout, latest(next, Instants.now(clock)))) {
      try {
        Duration wait = Duration.between(Instants.now(clock), next);
        if (!wait.isNegative()) {
          pause.pause(wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;  // the runtime is stopping: the next invocation carries on
      }
      Instant roundStarted = Instants.now(clock);
      round = maintenance.runAll();
      report(round, roundStarted, planned);
      rounds++;
      if (!round.failures().isEmpty()) {
        failedRounds++;
      }
      next = roundStarted.plus(settings.admissionRound());
      // A pre-queue's cut-off between two rounds gets a round of its own, right at it: the draw
      // and its first admissions do not wait for the next mark (docs/api.md).
      Instant regular = next;
      next = maintenance.roundDueAfter(roundStarted).filter(regular::isAfter).orElse(regular);
      if (!next.equals(regular)) {
        mostRounds++;  // a round of its own, on top of the marks'
      }
      planned = next;
      if (rounds >= mostRounds || !next.isBefore(stopBy)) {
        break;
      }
    }
    return new Outcome(rounds, failedRounds, round);
  }

  private static boolean hasTimeForRound(Optional<Instant> timeout, Instant start) {
    return timeout.map(end -> Duration.between(start, end).compareTo(ROUND_BUDGET) >= 0).orElse(true);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
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
