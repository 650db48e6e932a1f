package dev.ticketing.queue;

import dev.ticketing.domain.Instants;
import dev.ticketing.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Part of a queue round: ends the sessions that are over (expired, unused past the grace, or
 * paid) and admits the next placed users in exact place order, never more than
 * QUEUE_MAX_ACTIVE at once. Safe when runs overlap: the admission cursor moves only by
 * compare-and-set, computed from an upper bound of the users holding a slot.
 */
public final class AdmitWaitingUsers {
  /** Weight of the newest measurement in the smoothed admission rate. */
  private static final double RATE_SMOOTHING = 0.3;

  private final AdmissionStore store;
  private final Clock clock;
  private final Settings settings;

  @Inject
  public AdmitWaitingUsers(AdmissionStore store, Clock clock, Settings settings) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  /** Ends the concert's finished sessions; returns how many this run ended. */
  public long endFinishedSessions(String concertId) {
    Instant now = Instants.now(clock);
    long ended = 0;
    for (QueueToken session : store.admittedSessions(concertId)) {
      if (session.statusAt(now, settings.admissionGrace()) == QueueToken.Status.EXPIRED && store.endSession(session, now)) {
        ended++;
      }
    }
    return ended;
  }

  /** Admits into the free slots; returns how many users this run admitted. */
  public long admit(String concertId) {
    QueueCounters counters = store.counters(concertId);
    // A run that stopped between moving the cursor and activating the tokens is finished first.
    if (counters.activatedThrough() < counters.admitted()) {
      activate(concertId, counters.activatedThrough(), counters.admitted());
      counters = store.counters(concertId);
    }
    long free = settings.queueMaxActive() - counters.holdingSlots();
    long admitting = Math.min(free, counters.admittable());
    if (admitting <= 0) {
      return 0;
    }
    Instant now = Instants.now(clock);
    long to = counters.admitted() + admitting;
    if (!store.advanceAdmission(concertId, counters.admitted(), to, now, measuredRate(counters, admitting, now),
        to < counters.placedThrough())) {
      return 0;  // another run moved the cursor first; the next round continues from there
    }
    activate(concertId, counters.admitted(), to);
    return admitting;
  }

  private void activate(String concertId, long from, long to) {
    Instant now = Instants.now(clock);
    long abandoned = store.activate(concertId, from, to, now, now.plus(settings.activeTtl()));
    store.completeActivation(concertId, from, to, abandoned);
  }

  /**
   * Admissions per second, smoothed, measured only over time in which users were waiting:
   * a queue that drained restarts its measurement at the next admission.
   */
  private static Optional<Double> measuredRate(QueueCounters counters, long admitting, Instant now) {
    Optional<Double> previous = counters.admissionsPerSecond();
    if (counters.lastAdmissionAt().isEmpty()) {
      return previous;
    }
    double seconds = Duration.between(counters.lastAdmissionAt().get(), now).toMillis() / 1000.0;
    if (seconds <= 0) {
      return previous;
    }
    double measured = admitting / seconds;
    return Optional.of(previous.map(p -> (1 - RATE_SMOOTHING) * p + RATE_SMOOTHING * measured).orElse(measured));
  }
}
