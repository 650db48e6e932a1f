package dev.ticketing.queue.round;

import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.placement.PlaceArrivals;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.sale.SaleNow;
import dev.ticketing.sale.SaleSnapshot;
import dev.ticketing.sale.SaleState;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A round's decisions for one concert, as pure functions of what it read: the sale's snapshot and
 * the queue's counters. {@link QueueRound} does the reading and writing around them; these decide,
 * and are tested without storage.
 */
final class RoundDecisions {
  private RoundDecisions() {}

  /**
   * Where the sale's state must be recorded this round: on the counters (the authoritative
   * record, by compare-and-set) and on the concert (the public list's cache), each only when it
   * differs from the state derived now.
   */
  record StateRecords(SaleState state, boolean onCounters, boolean onConcert) {
    boolean any() {
      return onCounters || onConcert;
    }
  }

  static StateRecords stateRecords(SaleSnapshot sale, QueueCounters counters) {
    SaleState state = sale.state();
    return new StateRecords(state, !counters.saleState().equals(Optional.of(state)), sale.terms().recordedState() != state);
  }

  /** The instant a round must run at besides the schedule: the pre-queue's cut-off, while the opening is ahead. */
  static Optional<Instant> cutOff(SaleNow sale) {
    return sale.beforeOpening() ? sale.saleOpensAt().map(opening -> opening.plus(PlaceArrivals.PRE_QUEUE_CUT_OFF))
        : Optional.empty();
  }

  /** Whether the round admits the draw's head before anything else: at the cut-off, before the draw is frozen. */
  static boolean admitsDrawHeadFirst(SaleNow sale, QueueCounters counters) {
    return PlaceArrivals.drawDue(sale, counters);
  }

  /**
   * Whether admission may have changed the counters it started from ({@code before}): it
   * admitted beyond the draw's head ({@code admittedBeyondHead}), had activations to finish, or
   * passed over places of a closed sale. If not, the round publishes from {@code before} without
   * reading the counters again.
   */
  static boolean admissionWrote(boolean admittedBeyondHead, QueueCounters before, SaleNow sale) {
    return admittedBeyondHead || before.activatedThrough() < before.admitted()
        || (sale.state() == SaleState.CLOSED && before.admitted() < before.placedThrough());
  }

  /** The shared state's version: it grows with every change of the counters and of the operators' settings. */
  static long version(QueueCounters counters, SaleNow sale) {
    return counters.version() + sale.controlVersion();
  }

  /** Whether the state at {@code version} still needs publishing, given what this instance last published. */
  static boolean needsPublishing(long version, Optional<Long> lastPublished) {
    return !lastPublished.equals(Optional.of(version));
  }

  /**
   * The shared state polls and joins read, as of these counters: the recorded sale state (the
   * state derived now until a round records one), the places and parts, the draw's index, and the
   * pre-queue's count until the draw is done.
   */
  static QueueState published(QueueCounters counters, SaleNow sale, Instant now) {
    return new QueueState(counters.concertId(), version(counters, sale), counters.saleState().orElse(sale.state()),
        sale.saleOpensAt(), counters.admitted(), counters.placedThrough(), counters.rangedThrough(), openParts(counters),
        Math.max(0, counters.holdingSlots()), sale.maxActive(), counters.admissionsPerSecond(), counters.closedBefore(), now,
        counters.drawIndex(), counters.drawnCount().isPresent() ? 0 : counters.preQueued());
  }

  /** Each open second's last part, for polls to know which parts exist. */
  static SortedMap<Long, Integer> openParts(QueueCounters counters) {
    SortedMap<Long, Integer> parts = new TreeMap<>();
    counters.open().forEach((second, open) -> parts.put(second, open.part()));
    return parts;
  }
}
