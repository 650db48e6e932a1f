package dev.ticketing.queue;

import dev.ticketing.catalog.ConcertCatalog;
import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.maintenance.MaintenanceStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Maintenance step: per concert, end the sessions that are over (expired, unused past the
 * grace, or paid) and admit the next waiting users in exact sequence order, never more than
 * QUEUE_MAX_ACTIVE at once. Safe when runs overlap: the admission cursor moves only by
 * compare-and-set, computed from an upper bound of the users holding a slot.
 */
public final class AdmitWaitingUsers implements MaintenanceStep {
  /** Weight of the newest measurement in the smoothed admission rate. */
  private static final double RATE_SMOOTHING = 0.3;

  private final ConcertCatalog catalog;
  private final AdmissionStore store;
  private final Clock clock;
  private final Settings settings;

  @Inject
  public AdmitWaitingUsers(ConcertCatalog catalog, AdmissionStore store, Clock clock, Settings settings) {
    this.catalog = catalog;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public String name() {
    return "admit-waiting-users";
  }

  @Override
  public Map<String, Long> run() {
    long ended = 0;
    long admitted = 0;
    for (String concertId : catalog.concertIds()) {
      ended += endFinishedSessions(concertId);
      admitted += admitNext(concertId);
    }
    return Map.of("sessionsEnded", ended, "usersAdmitted", admitted);
  }

  /** One round for one concert; returns how many users this round admitted. */
  public long admit(String concertId) {
    endFinishedSessions(concertId);
    return admitNext(concertId);
  }

  private long admitNext(String concertId) {
    QueueCounters counters = store.counters(concertId);
    // A run that stopped between moving the cursor and activating the tokens is finished first.
    if (counters.activatedThrough() < counters.admitted()) {
      activate(concertId, counters.activatedThrough(), counters.admitted());
      counters = store.counters(concertId);
    }
    long free = settings.queueMaxActive() - counters.holdingSlots();
    long waiting = counters.issued() - counters.admitted();
    long admitting = Math.min(free, waiting);
    if (admitting <= 0) {
      return 0;
    }
    Instant now = Instants.now(clock);
    long to = counters.admitted() + admitting;
    if (!store.advanceAdmission(concertId, counters.admitted(), to, now, measuredRate(counters, admitting, now),
        to < counters.issued())) {
      return 0;  // another run moved the cursor first; the next round continues from there
    }
    activate(concertId, counters.admitted(), to);
    return admitting;
  }

  /** Ends the sessions that are over; how many this run ended (not those another run ended first). */
  private long endFinishedSessions(String concertId) {
    Instant now = Instants.now(clock);
    long ended = 0;
    for (QueueToken session : store.admittedSessions(concertId)) {
      if (session.statusAt(now, settings.admissionGrace()) == QueueToken.Status.EXPIRED && store.endSession(session, now)) {
        ended++;
      }
    }
    return ended;
  }

  private void activate(String concertId, long from, long to) {
    Instant now = Instants.now(clock);
    Instant activeUntil = now.plus(settings.activeTtl());
    List<AdmissionStore.Slot> slots = store.slots(concertId, from, to);
    long abandoned = 0;
    for (int i = 0; i < slots.size(); i++) {
      long sequence = from + 1 + i;
      AdmissionStore.Slot slot = slots.get(i);
      if (slot instanceof AdmissionStore.Slot.Empty) {
        if (store.claimAbandoned(concertId, sequence)) {
          abandoned++;
          continue;
        }
        // A token was stored under this number a moment ago.
        slot = store.slots(concertId, sequence - 1, sequence).get(0);
      }
      if (slot instanceof AdmissionStore.Slot.Abandoned) {
        abandoned++;
      } else if (slot instanceof AdmissionStore.Slot.Token token
          && store.activate(token.id(), sequence, now, activeUntil) == AdmissionStore.Activation.TOKEN_GONE) {
        abandoned++;
      }
    }
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
