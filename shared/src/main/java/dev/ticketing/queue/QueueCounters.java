package dev.ticketing.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * A concert's queue bookkeeping, read and written only by the scheduled maintenance (never per
 * join or per poll): places 1..{@code placedThrough} have been handed out to arrivals up to
 * {@code placedUpTo}, and written into their tokens up to {@code placesWrittenThrough}; places
 * 1..{@code admitted} have been admitted, of which {@code ended} have finished (or never were a
 * token), so at most {@code admitted - ended} users are ACTIVE; tokens up to
 * {@code activatedThrough} have been switched to ACTIVE after their admission.
 */
public record QueueCounters(
    String concertId,
    long placedThrough,
    long placesWrittenThrough,
    Optional<Arrival> placedUpTo,
    long admitted,
    long ended,
    long activatedThrough,
    Optional<Instant> lastAdmissionAt,
    Optional<Double> admissionsPerSecond) {

  public static QueueCounters empty(String concertId) {
    return new QueueCounters(concertId, 0, 0, Optional.empty(), 0, 0, 0, Optional.empty(), Optional.empty());
  }

  /** Grows with every change: each counter only ever grows. */
  public long version() {
    return placedThrough + placesWrittenThrough + admitted + ended + activatedThrough;
  }

  /** Admitted users that may still hold a slot: an upper bound of the ACTIVE count. */
  public long holdingSlots() {
    return admitted - ended;
  }

  /** Placed users whose place is written and who are not admitted yet. */
  public long admittable() {
    return Math.max(0, placesWrittenThrough - admitted);
  }
}
