package dev.ticketing.reservation;

import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.maintenance.MaintenanceStep;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.state.QueueStateCache;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Maintenance step: frees the seats of holds that ran out and marks their reservations
 * EXPIRED. Finds them through the index of holds by expiry time (a Query per concert, never a
 * Scan). Requests do not wait for it (a hold that ran out is already reservable and reads
 * EXPIRED); it keeps the stored state tidy. Each release is conditional, so overlapping runs,
 * a payment confirming the same hold, or a new hold on the seat are never undone.
 *
 * <p>It also gives up (RELEASED) the holds that a sale's close cut short: a close ends every turn,
 * and a hold never outlives the turn that made it, so their seats go back at once rather than
 * when the holds would have run out (nobody could pay them anyway: a payment needs the turn that
 * made the hold). Only holds made before the close can be such, and all of them run out within
 * one hold's time of it, so this looks only that far: a Query of the same index, for a few minutes
 * after each close.
 */
public final class ReleaseExpiredHolds implements MaintenanceStep {
  private final ExpiredHoldStore store;
  private final HoldRelease holdRelease;
  private final QueueStateCache queueStates;
  private final Clock clock;
  private final Settings settings;
  private final Metrics metrics;

  /** What one round did for one concert. */
  public record Outcome(int seatsFreed, int reservationsExpired) {}

  @Inject
  public ReleaseExpiredHolds(ExpiredHoldStore store, HoldRelease holdRelease,
      QueueStateCache queueStates, Clock clock, Settings settings, Metrics metrics) {
    this.store = store;
    this.holdRelease = holdRelease;
    this.queueStates = queueStates;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public String name() {
    return "release-expired-holds";
  }

  @Override
  public Map<String, Long> runFor(String concertId) {
    Outcome outcome = release(concertId);
    return Map.of("seatsFreed", (long) outcome.seatsFreed(), "reservationsExpired", (long) outcome.reservationsExpired());
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
    releaseClosedTurnsHolds(concertId, now);
    return new Outcome(seatsFreed, reservationsExpired);
  }

  /** Gives up the running holds made before the sale's last close, within one hold's time of it. */
  private void releaseClosedTurnsHolds(String concertId, Instant now) {
    Optional<Instant> closedBefore = queueStates.state(concertId).flatMap(QueueState::closedBefore);
    if (closedBefore.isEmpty() || !now.isBefore(closedBefore.get().plus(settings.holdTtl()))) {
      return;
    }
    int released = 0;
    int seats = 0;
    for (Reservation hold : store.expiredHolds(concertId, closedBefore.get().plus(settings.holdTtl()))) {
      if (hold.heldAt().isBefore(closedBefore.get()) && hold.statusAt(now) == ReservationStatus.HELD
          && holdRelease.release(hold.order(), now)) {
        released++;
        seats += hold.seats().size();
      }
    }
    if (released > 0) {
      metrics.emit(MetricRecord.concert(concertId).with(Metric.HOLDS_RELEASED, released).with(Metric.SEATS_RELEASED, seats));
    }
  }
}
