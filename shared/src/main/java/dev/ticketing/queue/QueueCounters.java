package dev.ticketing.queue;

import dev.ticketing.sale.SaleState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A concert's queue bookkeeping, read and written only by the scheduled maintenance (never per
 * join or per poll): places 1..{@code placedThrough} have been handed out, the draw's first (all
 * at once when it is frozen), then the arrivals of each second up to {@code rangedThrough} (one
 * {@link ArrivalRange} per second that had any); {@code open}: the seconds up to
 * {@code rangedThrough} that may still take numbers (their settling time is not over), each with
 * the part that placed it last and the shards' ends it reached; places 1..{@code admitted} have
 * been admitted ({@code admissionBase}: the base of the range that holds place {@code admitted},
 * where admission reads on from), of which
 * {@code ended} have finished (or never were a token), so at most {@code admitted - ended} users
 * are ACTIVE; tokens up to {@code activatedThrough} have been switched to ACTIVE after their
 * admission. {@code drawnCount}: the size of the pre-queue's draw, once it is done (frozen);
 * {@code drawId}: which of the draws written is the one (see {@link PlacementStore#freezeDraw});
 * {@code drawFirsts}: the prefix of each of its chunks' first hmac ({@link DrawIndex});
 * {@code preQueued}: the pre-queue's size as a round before the opening last counted it, and
 * {@code preQueueCounts} how often that count changed; {@code drawnByPartition}: how many entries
 * of each of the pre-queue index's 16 partitions the frozen draw settled (drew, or read as ended by
 * a close), recorded by the freeze (empty: not recorded, as by a draw frozen before it was; the
 * late look then reads every partition); {@code preQueueBase}: the pre-queue's
 * joins counted when a round first saw the close {@code preQueueBaseFor} (joins are refused while
 * closed): the board leaves them out.
 * {@code saleState}: the sale state the last round derived, the authoritative stored record of it
 * (the concert's and the replicas' copies are caches of this; {@code sale.SaleSnapshot} derives it,
 * a round's compare-and-set records it); {@code stateChanges} counts its
 * changes; {@code closedBefore}: when the sale last closed.
 */
public record QueueCounters(
    String concertId,
    long placedThrough,
    Optional<Long> rangedThrough,
    SortedMap<Long, OpenSecond> open,
    long admissionBase,
    long admitted,
    long ended,
    long activatedThrough,
    Optional<Instant> lastAdmissionAt,
    Optional<Double> admissionsPerSecond,
    Optional<Long> drawnCount,
    Optional<String> drawId,
    Optional<SaleState> saleState,
    long stateChanges,
    Optional<Instant> closedBefore,
    String drawFirsts,
    long preQueued,
    long preQueueCounts,
    List<Long> drawnByPartition,
    long preQueueBase,
    Optional<Instant> preQueueBaseFor) {

  /** A second that may still take numbers: its last part so far (-1: none) and each shard's end it reached (empty: none). */
  public record OpenSecond(int part, List<Long> ends) {
    public OpenSecond {
      ends = List.copyOf(ends);
    }

    public static final OpenSecond NONE = new OpenSecond(-1, List.of());
  }

  public QueueCounters {
    open = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(open));
    drawnByPartition = List.copyOf(drawnByPartition);
  }

  /** Counters without the pre-queue's bookkeeping (no draw recorded by partition, no close counted). */
  public QueueCounters(String concertId, long placedThrough, Optional<Long> rangedThrough, SortedMap<Long, OpenSecond> open,
      long admissionBase, long admitted, long ended, long activatedThrough, Optional<Instant> lastAdmissionAt,
      Optional<Double> admissionsPerSecond, Optional<Long> drawnCount, Optional<String> drawId, Optional<SaleState> saleState,
      long stateChanges, Optional<Instant> closedBefore, String drawFirsts, long preQueued, long preQueueCounts) {
    this(concertId, placedThrough, rangedThrough, open, admissionBase, admitted, ended, activatedThrough, lastAdmissionAt,
        admissionsPerSecond, drawnCount, drawId, saleState, stateChanges, closedBefore, drawFirsts, preQueued, preQueueCounts,
        List.of(), 0, Optional.empty());
  }

  public static QueueCounters empty(String concertId) {
    return new QueueCounters(concertId, 0, Optional.empty(), new TreeMap<>(), 0, 0, 0, 0, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(), "", 0, 0);
  }

  /** Grows with every change: each counter only ever grows. */
  public long version() {
    return placedThrough + admitted + ended + activatedThrough + stateChanges + preQueueCounts;
  }

  /** Admitted users that may still hold a slot: an upper bound of the ACTIVE count. */
  public long holdingSlots() {
    return admitted - ended;
  }

  /** Placed users not admitted yet (nothing needs writing first: a place is found from its draw chunk or range). */
  public long admittable() {
    return Math.max(0, placedThrough - admitted);
  }

  /** The frozen draw as polls find places in it; empty before the draw. */
  public Optional<DrawIndex> drawIndex() {
    return drawnCount.flatMap(count -> drawId.map(id -> new DrawIndex(id, count, drawFirsts)));
  }
}
