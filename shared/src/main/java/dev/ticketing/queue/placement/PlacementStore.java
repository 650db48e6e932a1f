package dev.ticketing.queue.placement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.queue.QueueTokenId;

/**
 * How the scheduled placement hands out places without a write per placed user: it reads the
 * counters of a finished second's arrivals (K per second, one per shard) and records that second
 * as one immutable {@link ArrivalRange}, with one update of the concert's counters. At the
 * pre-queue's cut-off the pre-queue is read whole from its index, already in the draw's order (the
 * joins stored their hmacs), written as chunks of receipts and frozen: its places are handed out
 * at once, with no write per token (polls find theirs in the chunks).
 */
public interface PlacementStore {
  QueueCounters counters(String concertId);

  /**
   * How many numbers each of {@code shards} counters handed out in each second from
   * {@code fromBucket} to {@code toBucket} that had any, by second, then by shard; read
   * consistently. Its requests grow with the shards, not with the arrivals.
   */
  SortedMap<Long, long[]> arrivalCounts(String concertId, long fromBucket, long toBucket, int shards);

  /**
   * Records {@code ranges} (the new parts of the seconds up to {@code rangedTo}) and moves the
   * counters' {@code rangedThrough} and {@code placedThrough} on, with the seconds that may still
   * take numbers ({@code open}), all or nothing, only if they still are {@code rangedFrom} and
   * {@code placedFrom}: false if another run recorded first (then nothing changed).
   */
  boolean recordRanges(String concertId, long rangedFrom, long rangedTo, long placedFrom, List<ArrivalRange> ranges,
      SortedMap<Long, QueueCounters.OpenSecond> open);

  /**
   * One pre-queue token: what the draw needs of it (when it joined: a close ends the tokens joined
   * before it), and its draw hmac as its join stored it (empty: its concert had no seed).
   */
  record PreQueued(QueueTokenId token, String receiptId, Instant joinedAt, String hmac) {
    /** The index partition that lists it (and whose counters counted its join): its hmac's first hex digit; 0 without one. */
    public int partition() {
      return partitionOf(hmac);
    }
  }

  /** The pre-queue index's partitions: one per first hex digit of the hmac, in the draw's order. */
  int PRE_QUEUE_PARTITIONS = 16;

  /** The index partition of an hmac: its first hex digit; 0 for none (a token stored without one). */
  static int partitionOf(String hmac) {
    return hmac.isEmpty() ? 0 : Character.digit(hmac.charAt(0), 16);
  }

  /**
   * Every pre-queue token in the index (all partitions, all pages), in the index's order, which is
   * the draw's: by hmac, then receipt.
   */
  default List<PreQueued> preQueue(String concertId) {
    return preQueue(concertId, java.util.stream.IntStream.range(0, PRE_QUEUE_PARTITIONS).boxed().toList());
  }

  /** As {@link #preQueue(String)}, of the index partitions {@code partitions} only (in ascending order). */
  List<PreQueued> preQueue(String concertId, List<Integer> partitions);

  /**
   * The pre-queue's joins as its counters count them, by index partition ({@code joined}), and
   * the late tokens the late look placed there ({@code placedLate}); 16 each. A join counts
   * itself before its token is stored: {@code joined} may count a few that never were stored,
   * never misses one that was.
   */
  record PreQueueJoins(List<Long> joined, List<Long> placedLate) {
    public PreQueueJoins {
      joined = List.copyOf(joined);
      placedLate = List.copyOf(placedLate);
    }

    public long total() {
      return joined.stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The pre-queue's counters, read consistently: a fixed number of reads (16 x ceil(K / 16)
   * counters, 100 to a BatchGetItem), whatever the crowd.
   */
  PreQueueJoins preQueueJoins(String concertId);

  /**
   * Records that the late look placed {@code count} more late tokens of index partition
   * {@code partition}, each after its own renumbering succeeded (so each is counted at most once).
   */
  void recordPlacedLate(String concertId, int partition, long count);

  /**
   * Records the pre-queue's joins counted while the sale was closed ({@code closedBefore}: that
   * close), once per close: the board leaves them out, as the close ended them.
   */
  void recordPreQueueBase(String concertId, Instant closedBefore, long joins);

  /** Records the pre-queue's count for the queue's shared state, if it changed. */
  void recordPreQueued(String concertId, long count);

  /**
   * Writes draw {@code drawId}'s order under its own keys: its receipts, in chunks of 1,000, nothing
   * per token. Repeatable: the same draw writes the same items.
   */
  void writeDraw(String concertId, String drawId, List<String> receipts);

  /** The receipts of the frozen draw {@code drawId} of {@code count} entries, in order, read consistently. */
  List<String> drawReceipts(String concertId, String drawId, long count);

  /**
   * Makes draw {@code drawId}, of {@code count} entries and written whole, the concert's draw, once,
   * handing out places 1..count to it and starting the arrivals' ranges after the second
   * {@code rangedThrough}; {@code firsts} is the prefix of each chunk's first hmac
   * ({@link DrawIndex}). False if another was made first. Overlapping rounds may each read the
   * pre-queue and write a draw (a late index entry can make them differ); only the first frozen is
   * ever read.
   */
  default boolean freezeDraw(String concertId, long count, String drawId, String firsts, long rangedThrough) {
    return freezeDraw(concertId, count, drawId, firsts, rangedThrough, 0, List.of());
  }

  /**
   * As {@link #freezeDraw(String, long, String, String, long)}, for a draw whose first
   * {@code head} places were admitted before it was written ({@link AdmissionStore#admitDrawHead}):
   * only if exactly that many were admitted, so a draw made without the head recorded (an
   * overlapping round that read before it) is never frozen over it. {@code settledByPartition}:
   * how many index entries of each partition the draw settled (drew, or read as ended by a
   * close), recorded with it for the late look; empty records none (the late look then reads
   * every partition).
   */
  boolean freezeDraw(String concertId, long count, String drawId, String firsts, long rangedThrough, long head,
      List<Long> settledByPartition);

  /**
   * The receipts of the draw's head admitted before the draw was written, in order, read
   * consistently; empty if none was.
   */
  List<String> drawHead(String concertId);

  /**
   * Makes a pre-queue token the draw did not see (its index entry came late) an arrival of the
   * second {@code bucket}, with a number taken as a join takes one, once: false if it has a place
   * or a number already, or is no longer waiting (then its number is a gap admission passes over).
   */
  boolean renumber(QueueTokenId token, long bucket);
}
