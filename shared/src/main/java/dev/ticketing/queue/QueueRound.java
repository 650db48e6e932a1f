package dev.ticketing.queue;

import dev.ticketing.domain.Instants;
import dev.ticketing.catalog.ConcertCatalog;
import dev.ticketing.catalog.SaleState;
import dev.ticketing.config.Settings;
import dev.ticketing.maintenance.MaintenanceStep;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Maintenance step, per concert: place the new arrivals, end the sessions that are over, admit
 * into the free slots, then publish the queue's shared state for polls and joins. Every part is
 * safe when rounds overlap (EventBridge and Lambda deliver at least once).
 */
@Singleton
public final class QueueRound implements MaintenanceStep {
  /** What one round did for one concert. */
  public record Report(long placed, long ended, long admitted) {}

  private final ConcertCatalog catalog;
  private final PlaceArrivals placement;
  private final AdmitWaitingUsers admission;
  private final AdmissionStore store;
  private final Clock clock;
  private final Settings settings;
  private final QueueRoundMetrics metrics;
  /** The version this instance last published, per concert: an idle queue is not written again. */
  private final Map<String, Long> published = new ConcurrentHashMap<>();

  @Inject
  QueueRound(ConcertCatalog catalog, PlaceArrivals placement, AdmitWaitingUsers admission, AdmissionStore store,
      Clock clock, Settings settings, QueueRoundMetrics metrics) {
    this.catalog = catalog;
    this.placement = placement;
    this.admission = admission;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public String name() {
    return "queue-round";
  }

  @Override
  public Map<String, Long> run() {
    long placed = 0;
    long ended = 0;
    long admitted = 0;
    for (String concertId : catalog.concertIds()) {
      Report report = run(concertId);
      placed += report.placed();
      ended += report.ended();
      admitted += report.admitted();
    }
    return Map.of("placesHandedOut", placed, "sessionsEnded", ended, "usersAdmitted", admitted);
  }

  /**
   * One round for one concert. Each part runs even if an earlier one failed (storage throttled
   * for admission must not hold up placement, nor keep the shared state from showing what did
   * happen); the first failure is thrown at the end, so the round still counts as failed.
   */
  public Report run(String concertId) {
    RuntimeException failure = null;
    long placed = 0;
    long ended = 0;
    long admitted = 0;
    try {
      placed = placement.place(concertId);
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      ended = admission.endFinishedSessions(concertId);
      admitted = admission.admit(concertId);
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    QueueCounters after = null;
    try {
      after = store.counters(concertId);
      publish(after);
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    Report report = new Report(placed, ended, admitted);
    metrics.report(concertId, report, after, saleState(concertId));
    if (failure != null) {
      throw failure;
    }
    return report;
  }

  /** Until sales have a lifecycle every sale is OPEN. */
  private static SaleState saleState(String concertId) {
    return SaleState.OPEN;
  }

  private void publish(QueueCounters now) {
    String concertId = now.concertId();
    if (Long.valueOf(now.version()).equals(published.get(concertId))) {
      return;
    }
    store.publish(new QueueState(concertId, now.version(), saleState(concertId), Optional.empty(), now.admitted(),
        now.placedThrough(), Math.max(0, now.holdingSlots()), settings.queueMaxActive(), now.admissionsPerSecond(),
        Instants.now(clock)));
    published.put(concertId, now.version());
  }
}
