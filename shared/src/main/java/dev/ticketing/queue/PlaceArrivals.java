package dev.ticketing.queue;

import dev.ticketing.catalog.SaleState;
import dev.ticketing.catalog.SaleTermsStore;
import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.sale.Draw;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Part of a queue round: hands out places. At the sale's opening, the pre-queue first, in the
 * order of the verifiable draw (API.md); then the tokens that joined since, in arrival order, as
 * one batch a round with one update of the concert's counters. Each token's place is then written
 * into it: before admission only the first {@link #FIRST_WRITTEN} of them, so that the round admits
 * the head of the queue without waiting for the rest, which {@link #writeMore} writes after admission
 * (at the opening it also goes on through the draw), for about a round's time. A round that stopped
 * between recording and writing is finished by the next one before anyone else is placed, so places
 * are never handed out twice and no token is left without one.
 */
@Singleton
public final class PlaceArrivals {
  /** Bounds one round's placing; whoever is left is placed by the next round, in order. */
  static final int MAX_PLACED_PER_ROUND = 20_000;
  /** Places written in one go (then recorded as written), so a round that stops loses little of its work. */
  static final int MAX_WRITTEN_PER_ROUND = 10_000;
  /**
   * Places written before admission: enough for admission to fill every free slot of a usual
   * active limit at once (a larger limit fills over the next rounds), few enough to write in a
   * moment; the rest are written after admission, by {@link #writeMore}.
   */
  static final int FIRST_WRITTEN = 1_000;
  /**
   * How long after the opening placement still looks for pre-queue joins the draw did not see
   * (their write reached the index after it): far longer than any write takes.
   */
  static final Duration LATE_PRE_QUEUE = Duration.ofMinutes(10);
  /**
   * An idle queue: after this many rounds in a row that found no new arrival, the index of new
   * arrivals (QUEUE_JOIN_SHARDS Queries) is read only every {@link #IDLE_EVERY}th round: an idle
   * concert's rounds would otherwise cost more than all its sales (docs/performance.md). The first
   * joiner after a quiet spell gets a place up to IDLE_EVERY - 1 rounds later; arrival order holds,
   * since a later read still takes every arrival older than the settling time, oldest first.
   */
  public static final int IDLE_AFTER = 15;
  public static final int IDLE_EVERY = 5;

  private final PlacementStore store;
  private final SaleTermsStore terms;
  private final Settings settings;
  private final Clock clock;
  /** Per concert, the rounds in a row in which this instance found no new arrival (a new instance starts eager). */
  private final Map<String, Integer> emptyRounds = new ConcurrentHashMap<>();

  @Inject
  public PlaceArrivals(PlacementStore store, SaleTermsStore terms, Settings settings, Clock clock) {
    this.store = store;
    this.terms = terms;
    this.settings = settings;
    this.clock = clock;
  }

  /** One round's placement for one concert; returns how many places it handed out. */
  public long place(String concertId, SaleNow sale) {
    QueueCounters counters = store.counters(concertId);
    boolean allWritten = counters.placedThrough() - counters.placesWrittenThrough() <= FIRST_WRITTEN;
    if (counters.placesWrittenThrough() < counters.placedThrough()) {
      writeSome(concertId, counters.placesWrittenThrough(), counters.placedThrough(), FIRST_WRITTEN);
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
      if (closedAfterOpening(sale)) {
        // Every token the draw has yet to place joined before the opening, so before this close:
        // all of them are closed, and new joiners must not wait while they are walked past.
        store.endDraw(concertId, counters.placedThrough(), counters.drawnCount().orElseThrow());
        return 0;
      }
      return placeDrawn(concertId, counters);
    }
    return placeArrivals(concertId, counters, sale);
  }

  /**
   * The pre-queue in the draw's order, written and frozen; the seed is published after (API.md:
   * never before). A token a close ended (it joined before the close) is terminal: never drawn.
   */
  private void draw(String concertId, SaleNow sale) {
    List<PlacementStore.Drawn> drawn = sale.seed()
        .map(seed -> store.preQueue(concertId).stream()
            .filter(token -> sale.closedBefore().map(close -> !token.joinedAt().isBefore(close)).orElse(true))
            .map(token -> new PlacementStore.Drawn(token.token(), Draw.entry(seed, token.receiptId())))
            .sorted(Comparator.comparing(PlacementStore.Drawn::entry, Draw.ORDER))
            .toList())
        .orElse(List.of());
    String drawId = Draw.id(drawn.stream().map(PlacementStore.Drawn::entry).toList());
    store.writeDraw(concertId, drawId, drawn);
    store.freezeDraw(concertId, drawn.size(), drawId);  // false: an overlapping round's draw was frozen first
  }

  /** Whether the sale last closed after its opening: every pre-queue token joined before that close. */
  private static boolean closedAfterOpening(SaleNow sale) {
    return sale.closedBefore().isPresent() && sale.saleOpensAt().isPresent()
        && sale.closedBefore().get().isAfter(sale.saleOpensAt().get());
  }

  private long placeDrawn(String concertId, QueueCounters counters) {
    long from = counters.placedThrough();
    long to = Math.min(counters.drawnCount().orElseThrow(), from + MAX_PLACED_PER_ROUND);
    List<QueueTokenId> tokens = store.drawnTokens(concertId, counters.drawId().orElseThrow(), from, to);
    if (tokens.isEmpty() || !store.recordBatch(concertId, from, tokens, Optional.empty())) {
      return 0;
    }
    writeSome(concertId, from, from + tokens.size(), FIRST_WRITTEN);
    return tokens.size();
  }

  private long placeArrivals(String concertId, QueueCounters counters, SaleNow sale) {
    // Arrivals younger than the settling time wait for the next round: a join that arrived earlier
    // may still be on its way into the index. Tokens the sale closed are not arrivals to place (the
    // pre-queue's tokens wait in an index of their own, placed by the draw).
    int empty = emptyRounds.getOrDefault(concertId, 0);
    if (empty >= IDLE_AFTER && empty % IDLE_EVERY != 0) {
      emptyRounds.put(concertId, empty + 1);
      return 0;  // idle: this round does not read the index
    }
    Instant arrivedBy = sale.at().minus(settings.placementSettle());
    Optional<Instant> arrivedFrom = sale.closedBefore();
    boolean latePreQueue = sale.saleOpensAt().filter(opening -> sale.at().isBefore(opening.plus(LATE_PRE_QUEUE))).isPresent();
    List<Arrival.Unplaced> batch = store.unplaced(concertId, counters.placedUpTo(), arrivedFrom, arrivedBy,
        MAX_PLACED_PER_ROUND, latePreQueue);
    if (batch.isEmpty()) {
      emptyRounds.put(concertId, empty + 1);
      return 0;
    }
    emptyRounds.remove(concertId);
    long from = counters.placedThrough();
    List<QueueTokenId> tokens = batch.stream().map(Arrival.Unplaced::token).toList();
    if (!store.recordBatch(concertId, from, tokens, Optional.of(batch.get(batch.size() - 1).arrival()))) {
      return 0;  // another run placed them first; the next round continues from there
    }
    writeSome(concertId, from, from + batch.size(), FIRST_WRITTEN);
    return batch.size();
  }

  /**
   * After the round's admission: writes the places recorded and not yet written, and while the
   * draw is not all placed, places its next part and writes that, until {@code until} (about a
   * round's time, so the next round's admission is not held up) or nothing is left. Returns the
   * places this handed out. Only the draw is placed here: new arrivals wait for the next round's
   * {@link #place}, which reads the index after every recorded place is written.
   */
  public long writeMore(String concertId, SaleNow sale, Instant until) {
    if (sale.state() == SaleState.CLOSED || sale.beforeOpening()) {
      return 0;
    }
    long placed = 0;
    while (Instants.now(clock).isBefore(until)) {
      QueueCounters counters = store.counters(concertId);
      if (counters.placesWrittenThrough() < counters.placedThrough()) {
        writeSome(concertId, counters.placesWrittenThrough(), counters.placedThrough(), MAX_WRITTEN_PER_ROUND);
      } else if (counters.drawnCount().isPresent() && !counters.drawPlaced() && !closedAfterOpening(sale)) {
        long more = placeDrawn(concertId, counters);
        if (more == 0) {
          return placed;  // an overlapping round placed this part first: it writes it
        }
        placed += more;
      } else {
        return placed;
      }
    }
    return placed;
  }

  private void writeSome(String concertId, long from, long to, int most) {
    long until = Math.min(to, from + most);
    store.writePlaces(concertId, from, until);
    store.completePlaces(concertId, from, until);
  }
}
