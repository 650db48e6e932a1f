package dev.ticketing.reservation;

import dev.ticketing.catalog.ConcertCatalog;
import dev.ticketing.domain.Instants;
import dev.ticketing.maintenance.MaintenanceStep;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import javax.inject.Inject;

/**
 * Maintenance step: frees the seats of holds that ran out and marks their reservations
 * EXPIRED. Finds them through the index of holds by expiry time (a Query per concert, never a
 * Scan). Requests do not wait for it (a hold that ran out is already reservable and reads
 * EXPIRED); it keeps the stored state tidy. Each release is conditional, so overlapping runs,
 * a payment confirming the same hold, or a new hold on the seat are never undone.
 */
public final class ReleaseExpiredHolds implements MaintenanceStep {
  private final ConcertCatalog catalog;
  private final ExpiredHoldStore store;
  private final Clock clock;
  private final Metrics metrics;

  /** What one round did for one concert. */
  public record Outcome(int seatsFreed, int reservationsExpired) {}

  @Inject
  public ReleaseExpiredHolds(ConcertCatalog catalog, ExpiredHoldStore store, Clock clock, Metrics metrics) {
    this.catalog = catalog;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public String name() {
    return "release-expired-holds";
  }

  @Override
  public Map<String, Long> run() {
    long seatsFreed = 0;
    long reservationsExpired = 0;
    for (String concertId : catalog.concertIds()) {
      Outcome outcome = release(concertId);
      seatsFreed += outcome.seatsFreed();
      reservationsExpired += outcome.reservationsExpired();
    }
    return Map.of("seatsFreed", seatsFreed, "reservationsExpired", reservationsExpired);
  }

  public Outcome release(String concertId) {
    Instant now = Instants.now(clock);
    int seatsFreed = 0;
    int reservationsExpired = 0;
    for (Reservation expired : store.expiredHolds(concertId, now)) {
      ExpiredHoldStore.Release release = store.release(expired, now);
      seatsFreed += release.seatsFreed();
      reservationsExpired += release.settled() ? 1 : 0;
    }
    if (reservationsExpired > 0) {
      metrics.emit(MetricRecord.concert(concertId).with(Metric.HOLDS_EXPIRED, reservationsExpired)
          .with(Metric.SEATS_RELEASED, seatsFreed));
    }
    return new Outcome(seatsFreed, reservationsExpired);
  }
}
