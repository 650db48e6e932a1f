package dev.ticketing.queue.state;

import dev.ticketing.sale.SaleState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.queue.DrawIndex;

/**
 * What every poll and join of a concert needs besides the caller's own token: the sale's state,
 * how far admission has come and how fast. The scheduled maintenance writes it after each round
 * as several identical replicas; function instances keep it in memory for at most a second
 * ({@link QueueStateCache}). So it may trail the queue by a moment: positions are then larger,
 * never smaller, and no gated decision rests on it.
 *
 * @param saleState a cache of the sale's state as the counters recorded it (the authoritative
 *     record is {@link QueueCounters#saleState}; see {@code sale.SaleSnapshot})
 * @param version grows with every change of the queue's counters, so an older state never
 *     overwrites a newer one however maintenance rounds overlap
 * @param admittedThrough the admission cursor: every place up to it has been admitted
 * @param placedThrough the last place handed out
 * @param rangedThrough the last second whose arrivals have their places (as {@link ArrivalRange}s)
 * @param openParts the seconds up to {@code rangedThrough} that may still take numbers, each with
 *     its last part so far (-1: none): a number those parts do not hold has no place yet
 * @param recentParts the parts of the newest seconds up to {@code rangedThrough}, each second
 *     whole (all its parts recorded when the state was written), as many as fit in the replica:
 *     polls find the places of the newest arrivals here, with no read of a part's item
 * @param activeUsers admitted users that may still hold a slot (an upper bound)
 * @param admissionsPerSecond measured while users were waiting; empty until measured
 * @param closedBefore when the sale last closed: tokens that joined before then are CLOSED
 * @param draw the frozen draw, where a drawn token finds its place; empty before the draw
 * @param preQueued tokens waiting in the pre-queue before the draw (counted by the rounds before
 *     it); 0 once drawn, when the draw's places are among {@code placedThrough}
 */
public record QueueState(
    String concertId,
    long version,
    SaleState saleState,
    Optional<Instant> saleOpensAt,
    long admittedThrough,
    long placedThrough,
    Optional<Long> rangedThrough,
    SortedMap<Long, Integer> openParts,
    List<ArrivalRange> recentParts,
    long activeUsers,
    int maxActive,
    Optional<Double> admissionsPerSecond,
    Optional<Instant> closedBefore,
    Instant updatedAt,
    Optional<DrawIndex> draw,
    long preQueued) {

  /**
   * A concert maintenance has not reached yet: nothing placed, nobody admitted; its sale as the
   * concert says until the first round derives it.
   */
  public QueueState {
    openParts = Collections.unmodifiableSortedMap(new TreeMap<>(openParts));
    recentParts = List.copyOf(recentParts);
  }

  /** A state that carries no parts: polls read each part's item once per instance. */
  public QueueState(String concertId, long version, SaleState saleState, Optional<Instant> saleOpensAt,
      long admittedThrough, long placedThrough, Optional<Long> rangedThrough, SortedMap<Long, Integer> openParts,
      long activeUsers, int maxActive, Optional<Double> admissionsPerSecond, Optional<Instant> closedBefore,
      Instant updatedAt, Optional<DrawIndex> draw, long preQueued) {
    this(concertId, version, saleState, saleOpensAt, admittedThrough, placedThrough, rangedThrough, openParts, List.of(),
        activeUsers, maxActive, admissionsPerSecond, closedBefore, updatedAt, draw, preQueued);
  }

  /** The same state, carrying {@code parts} (see {@link #recentParts}). */
  public QueueState withRecentParts(List<ArrivalRange> parts) {
    return new QueueState(concertId, version, saleState, saleOpensAt, admittedThrough, placedThrough, rangedThrough,
        openParts, parts, activeUsers, maxActive, admissionsPerSecond, closedBefore, updatedAt, draw, preQueued);
  }

  /**
   * The parts of {@code bucket} this state carries, in part order, if it carries that second:
   * then they are all the parts this state knows of (a number they do not hold has no place yet).
   */
  public Optional<List<ArrivalRange>> carriedParts(long bucket) {
    List<ArrivalRange> parts = recentParts.stream().filter(range -> range.bucket() == bucket)
        .sorted(java.util.Comparator.comparingInt(ArrivalRange::part)).toList();
    return parts.isEmpty() ? Optional.empty() : Optional.of(parts);
  }

  public static QueueState beforeFirstRound(String concertId, SaleState saleState, Optional<Instant> saleOpensAt,
      int maxActive, Instant now) {
    return new QueueState(concertId, 0, saleState, saleOpensAt, 0, 0, Optional.empty(), new TreeMap<>(), 0, maxActive, Optional.empty(), Optional.empty(), now,
        Optional.empty(), 0);
  }

  /** Whether a join arriving at {@code arrival} enters the pre-queue: by the clock at the request, not by the state. */
  public boolean isBeforeOpening(Instant arrival) {
    return saleOpensAt.filter(arrival::isBefore).isPresent();
  }

  /**
   * Users placed and not yet admitted, and before the draw those in the pre-queue; may count users
   * who have since left.
   */
  public long waiting() {
    return Math.max(0, placedThrough - admittedThrough) + preQueued;
  }

  /** Waiting users ahead of {@code place}, plus one; never fewer than are really ahead. */
  public long positionOf(long place) {
    return Math.max(1, place - admittedThrough);
  }

  /**
   * Seconds until {@code position} is admitted: from the measured rate, or, before anything was
   * measured, from capacity ({@code maxActive} users per {@code activeTtl}, an upper bound).
   */
  public long estimatedWaitSeconds(long position, Duration activeTtl) {
    double perSecond = admissionsPerSecond.filter(rate -> rate > 0)
        .orElse(maxActive / (double) Math.max(1, activeTtl.toSeconds()));
    return (long) Math.ceil(position / perSecond);
  }
}
