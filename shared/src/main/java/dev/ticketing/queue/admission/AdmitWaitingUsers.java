package dev.ticketing.queue.admission;

import dev.ticketing.sale.SaleState;
import dev.ticketing.domain.Instants;
import dev.ticketing.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import dev.ticketing.sale.SaleNow;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.placement.PlaceArrivals;
import dev.ticketing.queue.placement.PlacementStore;

/**
 * Part of a queue round: ends the sessions that are over (expired, unused past the grace, paid,
 * or closed with the sale) and, while the sale is OPEN, admits the next placed users in exact
 * place order, never more than the concert's active limit at once. Safe when runs overlap: the
 * admission cursor moves only by compare-and-set, computed from an upper bound of the users
 * holding a slot.
 */
public final class AdmitWaitingUsers {
  /** Passes of admission in one round at most: each after one whose places were partly no one's. */
  private static final int MAX_PASSES = 10;
  /** Weight of the newest measurement in the smoothed admission rate. */
  private static final double RATE_SMOOTHING = 0.3;

  private final AdmissionStore store;
  private final Clock clock;
  private final Settings settings;

  @Inject
  public AdmitWaitingUsers(AdmissionStore store, Clock clock, Settings settings) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  /** Ends the concert's finished sessions; returns how many this run ended. */
  public long endFinishedSessions(String concertId, SaleNow sale) {
    return endFinishedSessions(concertId, sale, store.counters(concertId));
  }

  /** As {@link #endFinishedSessions(String, SaleNow)}, from the counters the round holds. */
  public long endFinishedSessions(String concertId, SaleNow sale, QueueCounters counters) {
    if (counters.holdingSlots() <= 0) {
      // Nobody admitted holds a slot (every admission is counted before its token turns ACTIVE,
      // every end in the same write as the token's): no session to read (16 index Queries saved).
      return 0;
    }
    Instant now = Instants.now(clock);
    long ended = 0;
    for (QueueToken session : store.admittedSessions(concertId)) {
      if (session.statusAt(now, settings.admissionGrace(), sale.closedBefore()) != QueueToken.Status.ACTIVE
          && store.endSession(session, now)) {
        ended++;
      }
    }
    return ended;
  }

  /** Admits into the free slots while the sale is OPEN; returns how many users this run admitted. */
  public long admit(String concertId, SaleNow sale) {
    return admit(concertId, sale, store.counters(concertId));
  }

  /**
   * At the pre-queue's cut-off, before the draw is written: admits the head of the pre-queue's
   * index (already in the draw's order) into the free slots, recording its receipts with the
   * cursor's move, then activates it. Reads the head alone (one Query, usually), so the first
   * users are admitted whatever the pre-queue's size; the draw written after starts with exactly
   * this head ({@link PlaceArrivals}). Returns how many users it admitted (0: not due, no free
   * slot, an empty pre-queue, or another run admitted or froze first).
   */
  public long admitDrawHead(String concertId, SaleNow sale, QueueCounters counters) {
    long free = sale.maxActive() - counters.holdingSlots();
    if (sale.state() != SaleState.OPEN || sale.seed().isEmpty() || !PlaceArrivals.drawDue(sale, counters)
        || counters.admitted() != 0 || free <= 0) {
      return 0;
    }
    List<PlacementStore.PreQueued> head = store.preQueueHead(concertId, free, sale.closedBefore());
    if (head.isEmpty()) {
      return 0;
    }
    if (!store.admitDrawHead(concertId, head.stream().map(PlacementStore.PreQueued::receiptId).toList(), Instants.now(clock))) {
      return 0;
    }
    List<AdmissionStore.Placed> placed = new java.util.ArrayList<>();
    for (int i = 0; i < head.size(); i++) {
      placed.add(new AdmissionStore.Placed(i + 1, Optional.of(head.get(i).token()), Optional.empty(), 0));
    }
    activate(concertId, 0, head.size(), placed, sale);
    return head.size();
  }

  /** As {@link #admit(String, SaleNow)}, from the counters the round holds. */
  public long admit(String concertId, SaleNow sale, QueueCounters counters) {
    if (counters.drawnCount().isEmpty() && counters.admitted() > 0) {
      // A head admitted before the draw: a run that stopped before activating it is finished
      // once the draw is frozen, from the draw's chunks (the next round's placement freezes it).
      return 0;
    }
    // A run that stopped between moving the cursor and activating the tokens is finished first.
    if (counters.activatedThrough() < counters.admitted()) {
      activate(concertId, counters.activatedThrough(), counters.admitted(),
          store.placed(counters, counters.activatedThrough(), counters.admitted()), sale);
      counters = store.counters(concertId);
    }
    if (sale.state() == SaleState.CLOSED && counters.admitted() < counters.placedThrough()) {
      // Closing gives no place back (docs/api.md): the cursor passes every place the close ended, so a
      // reopened sale admits only those who join after it.
      store.skipPlaces(concertId, counters.admitted(), counters.placedThrough());
      return 0;
    }
    if (sale.state() != SaleState.OPEN) {
      return 0;
    }
    long admitted = 0;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      Pass done = admitNext(concertId, counters, sale);
      admitted += done.places();
      if (done.places() == 0 || done.abandoned() == 0) {
        break;
      }
      // Places passed over (numbers without a token, users who left) freed their slots at once:
      // they go to the next users in this round, not the next.
      counters = store.counters(concertId);
    }
    return admitted;
  }

  /** One pass of admission: the places it took and how many of them held nobody to admit. */
  private record Pass(long places, long abandoned) {}

  private Pass admitNext(String concertId, QueueCounters counters, SaleNow sale) {
    long free = sale.maxActive() - counters.holdingSlots();
    long admitting = Math.min(free, counters.admittable());
    if (admitting <= 0) {
      return new Pass(0, 0);
    }
    Instant now = Instants.now(clock);
    List<AdmissionStore.Placed> placed = admissible(store.placed(counters, counters.admitted(), counters.admitted() + admitting), now);
    if (placed.isEmpty()) {
      return new Pass(0, 0);
    }
    long to = placed.get(placed.size() - 1).place();
    long rangeBase = placed.get(placed.size() - 1).rangeBase();
    long admitted = to - counters.admitted();
    if (!store.advanceAdmission(concertId, counters.admitted(), to, rangeBase, now, measuredRate(counters, admitted, now),
        to < counters.placedThrough())) {
      return new Pass(0, 0);  // another run moved the cursor first; the next round continues from there
    }
    return new Pass(admitted, activate(concertId, counters.admitted(), to, placed, sale));
  }

  /**
   * The places admission may take now, in order: up to the first arrival whose number has no
   * token yet while its join may still be storing it. A number still without a token once its
   * join's deadline has passed is passed over: its slot is counted free again at activation.
   */
  private List<AdmissionStore.Placed> admissible(List<AdmissionStore.Placed> placed, Instant now) {
    for (int i = 0; i < placed.size(); i++) {
      AdmissionStore.Placed next = placed.get(i);
      boolean mayStillCome = next.token().isEmpty() && next.number()
          .filter(number -> now.isBefore(number.counted(settings.placementSettle()).plus(ArrivalNumber.STORED_WITHIN)))
          .isPresent();
      if (mayStillCome) {
        return placed.subList(0, i);
      }
    }
    return placed;
  }

  /** Activates the tokens of places (from, to]; returns how many of those places held nobody to admit. */
  private long activate(String concertId, long from, long to, List<AdmissionStore.Placed> placed, SaleNow sale) {
    Instant now = Instants.now(clock);
    long abandoned = (to - from) - placed.size() + store.activate(placed, now, now.plus(settings.activeTtl()), sale.closedBefore());
    store.completeActivation(concertId, from, to, abandoned);
    return abandoned;
  }

  /**
   * Admissions per second, smoothed, measured only over time in which users were waiting:
   * a queue that drained restarts its measurement at the next admission.
   */
  private static Optional<Double> measuredRate(QueueCounters counters, long admitting, Instant now) {
    Optional<Double> previous = counters.admissionsPerSecond();
    if (counters.lastAdmissionAt().isEmpty()) {
      return previous;
    }
    double seconds = Duration.between(counters.lastAdmissionAt().get(), now).toMillis() / 1000.0;
    if (seconds <= 0) {
      return previous;
    }
    double measured = admitting / seconds;
    return Optional.of(previous.map(p -> (1 - RATE_SMOOTHING) * p + RATE_SMOOTHING * measured).orElse(measured));
  }
}
