package dev.ticketing.queue;

import dev.ticketing.sale.Draw;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How the scheduled placement hands out places: it reads the tokens still waiting for one from
 * a sharded index (so no index partition takes more than a share of the joins), records a batch
 * of places with one update of the concert's counters, then writes each token's place. At the
 * sale's opening the pre-queue is read whole, ordered by the draw, and frozen before it is placed.
 */
public interface PlacementStore {

  QueueCounters counters(String concertId);

  /**
   * Up to {@code limit} tokens waiting for a place that arrived from {@code arrivedFrom} (if given)
   * to {@code arrivedBy}, in arrival order, such that no such token not returned arrived before the
   * last one returned. Arrivals at or before {@code placedUpTo} are late index entries (or stale ones
   * of tokens just placed): they are returned only if their token, read consistently, is still
   * waiting without a place, so none is skipped or placed twice. With {@code withPreQueue}, pre-queue
   * tokens the draw did not see (their entry reached the index after it) are returned too, rechecked
   * the same way.
   */
  List<Arrival.Unplaced> unplaced(String concertId, Optional<Arrival> placedUpTo, Optional<Instant> arrivedFrom,
      Instant arrivedBy, int limit, boolean withPreQueue);

  /**
   * Hands out places {@code fromExclusive + 1 ...} to {@code tokens}, in their order, recording
   * the batch and moving the counters' {@code placedThrough} (and {@code placedUpTo}, if given) in
   * one transaction: false if another run moved it first (then nothing changed).
   */
  boolean recordBatch(String concertId, long fromExclusive, List<QueueTokenId> tokens, Optional<Arrival> placedUpTo);

  /**
   * Writes their places into the tokens of places {@code (fromExclusive, toInclusive]}, taking
   * each token out of the index it waited in. Repeatable: a token that has its place already keeps
   * it; one that left meanwhile gets none (its number is a gap admission skips).
   */
  void writePlaces(String concertId, long fromExclusive, long toInclusive);

  /** Records that places up to {@code toInclusive} are written; false if another run did. */
  boolean completePlaces(String concertId, long fromExclusive, long toInclusive);

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
   * Makes draw {@code drawId}, of {@code count} entries and written whole, the concert's draw, once;
   * false if another was made it first. Overlapping rounds may each read the pre-queue and write a
   * draw (a late index entry can make them differ); only the first frozen is ever read.
   */
  boolean freezeDraw(String concertId, long count, String drawId);

  /**
   * Ends a frozen draw at its {@code placed} places handed out so far, of {@code count}: the rest
   * were closed by a close of the sale and are never placed. False if the counters moved meanwhile.
   */
  boolean endDraw(String concertId, long placed, long count);

  /** The tokens at draw {@code drawId}'s positions {@code (fromExclusive, toInclusive]} (1 is the first drawn). */
  List<QueueTokenId> drawnTokens(String concertId, String drawId, long fromExclusive, long toInclusive);
}
