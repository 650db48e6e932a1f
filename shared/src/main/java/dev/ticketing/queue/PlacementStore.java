package dev.ticketing.queue;

import dev.ticketing.sale.Draw;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * How the scheduled placement hands out places without a write per placed user: it reads the
 * counters of a finished second's arrivals (K per second, one per shard) and records that second
 * as one immutable {@link ArrivalRange}, with one update of the concert's counters. At the sale's
 * opening the pre-queue is read whole, ordered by the draw and frozen: its places are handed out
 * at once, and written into its tokens afterwards, for their polls only.
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

  /** One pre-queue token: what the draw needs of it (when it joined: a close ends the tokens joined before it). */
  record PreQueued(QueueTokenId token, String receiptId, Instant joinedAt) {}

  /** Every pre-queue token in the index (all shards, all pages). */
  List<PreQueued> preQueue(String concertId);

  /** A pre-queue token in the draw's order, with its published entry. */
  record Drawn(QueueTokenId token, Draw.Entry entry) {}

  /**
   * Writes draw {@code drawId}'s order under its own keys: its public entries (receipt, hmac) and
   * the tokens they stand for. Repeatable: the same draw writes the same items.
   */
  void writeDraw(String concertId, String drawId, List<Drawn> drawn);

  /**
   * Makes draw {@code drawId}, of {@code count} entries and written whole, the concert's draw, once,
   * handing out places 1..count to it and starting the arrivals' ranges after the second
   * {@code rangedThrough}; false if another was made it first. Overlapping rounds may each read the
   * pre-queue and write a draw (a late index entry can make them differ); only the first frozen is
   * ever read.
   */
  boolean freezeDraw(String concertId, long count, String drawId, long rangedThrough);

  /** The tokens at draw {@code drawId}'s positions {@code (fromExclusive, toInclusive]} (1 is the first drawn). */
  List<QueueTokenId> drawnTokens(String concertId, String drawId, long fromExclusive, long toInclusive);

  /**
   * Writes their places into the drawn tokens of places {@code (fromExclusive, toInclusive]}, so
   * that their polls show them. Repeatable: a token that has its place keeps it; one that left
   * meanwhile gets none.
   */
  void writeDrawnPlaces(String concertId, String drawId, long fromExclusive, long toInclusive);

  /**
   * Makes a pre-queue token the draw did not see (its index entry came late) an arrival of the
   * second {@code bucket}, with a number taken as a join takes one, once: false if it has a place
   * or a number already, or is no longer waiting (then its number is a gap admission passes over).
   */
  boolean renumber(QueueTokenId token, long bucket);

  /** Records that the draw's places up to {@code toInclusive} are written; false if another run did. */
  boolean completePlaces(String concertId, long fromExclusive, long toInclusive);
}
