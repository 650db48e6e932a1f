package dev.ticketing.queue;

import java.util.List;
import javax.inject.Inject;

/**
 * Part of a queue round: hands out places to the tokens that joined since the last round, in
 * arrival order, as one batch with one update of the concert's counters, then writes each
 * token's place. A round that stopped between the two is finished by the next one before it
 * places anyone else, so places are never handed out twice and no token is left without one.
 */
public final class PlaceArrivals {
  /** Bounds one round's work; whoever is left is placed by the next round, in order. */
  static final int MAX_PLACED_PER_ROUND = 20_000;

  private final PlacementStore store;

  @Inject
  public PlaceArrivals(PlacementStore store) {
    this.store = store;
  }

  /** One round's placement for one concert; returns how many places it handed out. */
  public long place(String concertId) {
    QueueCounters counters = store.counters(concertId);
    if (counters.placesWrittenThrough() < counters.placedThrough()) {
      finishWriting(concertId, counters.placesWrittenThrough(), counters.placedThrough());
    }
    List<Arrival.Unplaced> batch = store.unplaced(concertId, counters.placedUpTo(), MAX_PLACED_PER_ROUND);
    if (batch.isEmpty()) {
      return 0;
    }
    long from = counters.placedThrough();
    if (!store.recordBatch(concertId, from, batch)) {
      return 0;  // another run placed them first; the next round continues from there
    }
    finishWriting(concertId, from, from + batch.size());
    return batch.size();
  }

  private void finishWriting(String concertId, long from, long to) {
    store.writePlaces(concertId, from, to);
    store.completePlaces(concertId, from, to);
  }
}
