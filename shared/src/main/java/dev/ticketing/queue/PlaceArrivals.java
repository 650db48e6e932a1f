package dev.ticketing.queue;

import dev.ticketing.domain.Instants;
import dev.ticketing.config.Settings;
import java.time.Clock;
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
  private final Clock clock;
  private final Settings settings;

  @Inject
  public PlaceArrivals(PlacementStore store, Clock clock, Settings settings) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  /** One round's placement for one concert; returns how many places it handed out. */
  public long place(String concertId) {
    QueueCounters counters = store.counters(concertId);
    if (counters.placesWrittenThrough() < counters.placedThrough()) {
      finishWriting(concertId, counters.placesWrittenThrough(), counters.placedThrough());
    }
    // Arrivals younger than the settling time wait for the next round: a join that arrived earlier
    // may still be on its way into the index.
    List<Arrival.Unplaced> batch = store.unplaced(concertId, counters.placedUpTo(),
        Instants.now(clock).minus(settings.placementSettle()), MAX_PLACED_PER_ROUND);
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
