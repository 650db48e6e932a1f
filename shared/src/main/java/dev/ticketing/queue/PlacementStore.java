package dev.ticketing.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How the scheduled placement hands out places: it reads the tokens still waiting for one from
 * a sharded index (so no index partition takes more than a share of the joins), records a batch
 * of places with one update of the concert's counters, then writes each token's place.
 */
public interface PlacementStore {

  QueueCounters counters(String concertId);

  /**
   * Up to {@code limit} tokens waiting for a place that arrived no later than {@code arrivedBy}, in
   * arrival order, such that no such token not returned arrived before the last one returned. Arrivals at or before {@code placedUpTo} are
   * late index entries (or stale ones of tokens just placed): they are returned only if their
   * token, read consistently, is still waiting without a place, so none is skipped or placed twice.
   */
  List<Arrival.Unplaced> unplaced(String concertId, Optional<Arrival> placedUpTo, Instant arrivedBy, int limit);

  /**
   * Hands out places {@code fromExclusive + 1 ...} to {@code batch}, in its order, recording the
   * batch and moving the counters' {@code placedThrough} in one transaction: false if another run
   * moved it first (then nothing changed).
   */
  boolean recordBatch(String concertId, long fromExclusive, List<Arrival.Unplaced> batch);

  /**
   * Writes their places into the tokens of places {@code (fromExclusive, toInclusive]}, taking
   * each token out of the index of unplaced tokens. Repeatable: a token that has its place
   * already keeps it; one that left meanwhile gets none (its number is a gap admission skips).
   */
  void writePlaces(String concertId, long fromExclusive, long toInclusive);

  /** Records that places up to {@code toInclusive} are written; false if another run did. */
  boolean completePlaces(String concertId, long fromExclusive, long toInclusive);
}
