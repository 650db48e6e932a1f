package dev.ticketing.queue.admission;

import dev.ticketing.sale.SaleState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.placement.PlacementStore;
import dev.ticketing.queue.state.QueueState;

/**
 * What admission (the scheduled function) reads and writes. Every change is a conditional
 * write, so overlapping runs cannot break the queue's order or its bound on ACTIVE users.
 */
public interface AdmissionStore {

  QueueCounters counters(String concertId);

  /** Tokens in the concert's index of admitted sessions (eventually consistent). */
  List<QueueToken> admittedSessions(String concertId);

  /** Ends an admitted session and frees its slot, exactly once. False if already ended. */
  boolean endSession(QueueToken token, Instant now);

  /**
   * A place and its token: a drawn place always has one; an arrival's place has its number, and
   * a token if one is stored under that number (a join that failed or lost to the same user's
   * concurrent join left none), and the base of the range that placed it (0 for the draw).
   */
  record Placed(long place, Optional<QueueTokenId> token, Optional<ArrivalNumber> number, long rangeBase) {}

  /**
   * The places {@code (fromExclusive, toInclusive]} in order, each with its token: drawn places
   * from the draw's chunks, arrivals from their second's range and the index of arrival numbers.
   */
  List<Placed> placed(QueueCounters counters, long fromExclusive, long toInclusive);

  /**
   * Moves the admission cursor from {@code from} to {@code to}, whose place lies in the range
   * based at {@code rangeBase}; false if another run moved it. {@code usersStillWaiting} tells
   * whether the rate measurement continues from {@code now}.
   */
  boolean advanceAdmission(String concertId, long from, long to, long rangeBase, Instant now,
      Optional<Double> admissionsPerSecond, boolean usersStillWaiting);

  /**
   * Switches the WAITING tokens of {@code placed} to ACTIVE until {@code activeUntil}, except those
   * that joined before {@code closedBefore} (a close ended them: CLOSED is terminal). Repeatable.
   * Returns how many of those places hold no token that can be admitted (it left, it was closed,
   * or the place has none): their slots are free again.
   */
  long activate(List<Placed> placed, Instant now, Instant activeUntil, Optional<Instant> closedBefore);

  /**
   * Records that places up to {@code to} have been activated, and that {@code abandoned} of them
   * were no one's (their slots are free again). Exactly once: false if another run recorded it.
   */
  boolean completeActivation(String concertId, long from, long to, long abandoned);

  /**
   * Writes every replica of the queue's shared state, unless a replica holds a newer version
   * already (a round that overlapped this one and finished first).
   */
  void publish(QueueState state);

  /**
   * Records the sale state a round derived, if the counters still say {@code from} (empty: none
   * recorded yet); on a change to CLOSED, also when it closed. Returns the counters as the change
   * left them (the round reads them no second time); empty if another run recorded it.
   */
  Optional<QueueCounters> recordSaleState(String concertId, Optional<SaleState> from, SaleState to, Instant at);

  /**
   * The head of the pre-queue's index, in its order (the draw's): up to {@code limit} tokens that
   * carry an hmac and that no close ended (joined at or after {@code closedBefore}), from the first
   * partitions on. Usually one Query: nothing proportional to the pre-queue.
   */
  List<PlacementStore.PreQueued> preQueueHead(String concertId, long limit, Optional<Instant> closedBefore);

  /**
   * Admits the draw's head before the draw is written: records its receipts, in order, and moves
   * the admission cursor from 0 to their count, all or nothing, only while no draw is frozen and
   * nobody was admitted. False if another run admitted a head or froze a draw first. The draw
   * written after starts with exactly these receipts ({@link PlacementStore#drawHead}).
   */
  boolean admitDrawHead(String concertId, List<String> receipts, Instant now);

  /**
   * Moves the admission cursor past places {@code (fromExclusive, toInclusive]} that a close
   * ended, without admitting anyone, exactly once: false if another run moved it.
   */
  boolean skipPlaces(String concertId, long fromExclusive, long toInclusive);
}
