package dev.ticketing.queue;

import dev.ticketing.catalog.SaleState;
import dev.ticketing.catalog.SaleTermsStore;
import dev.ticketing.config.Settings;
import dev.ticketing.sale.Draw;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Part of a queue round: hands out places. At the sale's opening, the pre-queue first, in the
 * order of the verifiable draw (API.md); then the tokens that joined since, in arrival order, as
 * one batch a round with one update of the concert's counters. Each token's place is then written
 * into it, a bounded number a round, so that admission never waits long for the rest. A round that
 * stopped between recording and writing is finished by the next one before anyone else is placed,
 * so places are never handed out twice and no token is left without one.
 */
public final class PlaceArrivals {
  /** Bounds one round's placing; whoever is left is placed by the next round, in order. */
  static final int MAX_PLACED_PER_ROUND = 20_000;
  /** Bounds one round's writing of places (one conditional write each), so the round admits soon. */
  static final int MAX_WRITTEN_PER_ROUND = 10_000;
  /**
   * How long after the opening placement still looks for pre-queue joins the draw did not see
   * (their write reached the index after it): far longer than any write takes.
   */
  static final Duration LATE_PRE_QUEUE = Duration.ofMinutes(10);

  private final PlacementStore store;
  private final SaleTermsStore terms;
  private final Settings settings;

  @Inject
  public PlaceArrivals(PlacementStore store, SaleTermsStore terms, Settings settings) {
    this.store = store;
    this.terms = terms;
    this.settings = settings;
  }

  /** One round's placement for one concert; returns how many places it handed out. */
  public long place(String concertId, SaleNow sale) {
    QueueCounters counters = store.counters(concertId);
    boolean allWritten = counters.placedThrough() - counters.placesWrittenThrough() <= MAX_WRITTEN_PER_ROUND;
    if (counters.placesWrittenThrough() < counters.placedThrough()) {
      writeSome(concertId, counters.placesWrittenThrough(), counters.placedThrough());
    }
    if (sale.state() == SaleState.CLOSED || sale.beforeOpening()) {
      return 0;
    }
    if (counters.drawnCount().isEmpty()) {
      Optional<Instant> opening = sale.saleOpensAt();
      if (opening.isPresent() && sale.at().isBefore(opening.get().plus(settings.placementSettle()))) {
        return 0;  // the pre-queue's last joins may still be on their way into the index
      }
      // A sale open since its creation had a pre-queue closed from the start: its draw is empty,
      // and its seed is published at the first round like any other.
      draw(concertId, sale);
      counters = store.counters(concertId);
      // Fresher counters: an overlapping round may have recorded places since the writing above.
      allWritten = counters.placesWrittenThrough() >= counters.placedThrough();
    }
    if (!sale.seedPublished() && sale.seed().isPresent()) {
      // After the freeze, also when the round that froze it stopped before publishing.
      terms.publishSeed(concertId, sale.seed().get(), counters.drawId().orElseThrow());
    }
    if (!allWritten) {
      // Places recorded but not yet written: their tokens still look unplaced to the recheck of
      // late index entries, so nobody else is placed before they are written (by the next round).
      return 0;
    }
    if (!counters.drawPlaced()) {
      return placeDrawn(concertId, counters);
    }
    return placeArrivals(concertId, counters, sale);
  }

  /** The pre-queue in the draw's order, written and frozen; the seed is published after (API.md: never before). */
  private void draw(String concertId, SaleNow sale) {
    List<PlacementStore.Drawn> drawn = sale.seed()
        .map(seed -> store.preQueue(concertId).stream()
            .map(token -> new PlacementStore.Drawn(token.token(), Draw.entry(seed, token.receiptId())))
            .sorted(Comparator.comparing(PlacementStore.Drawn::entry, Draw.ORDER))
            .toList())
        .orElse(List.of());
    String drawId = Draw.id(drawn.stream().map(PlacementStore.Drawn::entry).toList());
    store.writeDraw(concertId, drawId, drawn);
    store.freezeDraw(concertId, drawn.size(), drawId);  // false: an overlapping round's draw was frozen first
  }

  private long placeDrawn(String concertId, QueueCounters counters) {
    long from = counters.placedThrough();
    long to = Math.min(counters.drawnCount().orElseThrow(), from + MAX_PLACED_PER_ROUND);
    List<QueueTokenId> tokens = store.drawnTokens(concertId, counters.drawId().orElseThrow(), from, to);
    if (tokens.isEmpty() || !store.recordBatch(concertId, from, tokens, Optional.empty())) {
      return 0;
    }
    writeSome(concertId, from, from + tokens.size());
    return tokens.size();
  }

  private long placeArrivals(String concertId, QueueCounters counters, SaleNow sale) {
    // Arrivals younger than the settling time wait for the next round: a join that arrived earlier
    // may still be on its way into the index. Tokens the sale closed are not arrivals to place (the
    // pre-queue's tokens wait in an index of their own, placed by the draw).
    Instant arrivedBy = sale.at().minus(settings.placementSettle());
    Optional<Instant> arrivedFrom = sale.closedBefore();
    boolean latePreQueue = sale.saleOpensAt().filter(opening -> sale.at().isBefore(opening.plus(LATE_PRE_QUEUE))).isPresent();
    List<Arrival.Unplaced> batch = store.unplaced(concertId, counters.placedUpTo(), arrivedFrom, arrivedBy,
        MAX_PLACED_PER_ROUND, latePreQueue);
    if (batch.isEmpty()) {
      return 0;
    }
    long from = counters.placedThrough();
    List<QueueTokenId> tokens = batch.stream().map(Arrival.Unplaced::token).toList();
    if (!store.recordBatch(concertId, from, tokens, Optional.of(batch.get(batch.size() - 1).arrival()))) {
      return 0;  // another run placed them first; the next round continues from there
    }
    writeSome(concertId, from, from + batch.size());
    return batch.size();
  }

  private void writeSome(String concertId, long from, long to) {
    long until = Math.min(to, from + MAX_WRITTEN_PER_ROUND);
    store.writePlaces(concertId, from, until);
    store.completePlaces(concertId, from, until);
  }
}
