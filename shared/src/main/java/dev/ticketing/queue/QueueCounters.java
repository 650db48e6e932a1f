package dev.ticketing.queue;

import dev.ticketing.catalog.SaleState;
import java.time.Instant;
import java.util.Optional;

/**
 * A concert's queue bookkeeping, read and written only by the scheduled maintenance (never per
 * join or per poll): places 1..{@code placedThrough} have been handed out (the draw's first, then
 * arrivals up to {@code placedUpTo}), and written into their tokens up to
 * {@code placesWrittenThrough}; places 1..{@code admitted} have been admitted, of which
 * {@code ended} have finished (or never were a token), so at most {@code admitted - ended} users
 * are ACTIVE; tokens up to {@code activatedThrough} have been switched to ACTIVE after their
 * admission. {@code drawnCount}: the size of the pre-queue's draw, once it is done (frozen);
 * {@code drawId}: which of the draws written is the one (see {@link PlacementStore#freezeDraw}).
 * {@code saleState}: the sale state the last round derived; {@code stateChanges} counts its
 * changes; {@code closedBefore}: when the sale last closed.
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
    Optional<Double> admissionsPerSecond,
    Optional<Long> drawnCount,
    Optional<String> drawId,
    Optional<SaleState> saleState,
    long stateChanges,
    Optional<Instant> closedBefore) {

  public static QueueCounters empty(String concertId) {
    return new QueueCounters(concertId, 0, 0, Optional.empty(), 0, 0, 0, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty());
  }

  /** Grows with every change: each counter only ever grows. */
  public long version() {
    return placedThrough + placesWrittenThrough + admitted + ended + activatedThrough + stateChanges;
  }

  /** Admitted users that may still hold a slot: an upper bound of the ACTIVE count. */
  public long holdingSlots() {
    return admitted - ended;
  }

  /** Placed users whose place is written and who are not admitted yet. */
  public long admittable() {
    return Math.max(0, placesWrittenThrough - admitted);
  }

  /** Whether the draw's places are all handed out (or there was no draw to make). */
  public boolean drawPlaced() {
    return drawnCount.map(count -> placedThrough >= count).orElse(false);
  }
}
