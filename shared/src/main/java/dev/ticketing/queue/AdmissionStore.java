package dev.ticketing.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What admission (the scheduled function) reads and writes. Every change is a conditional
 * write, so overlapping runs cannot break the queue's order or its bound on ACTIVE users.
 */
public interface AdmissionStore {

  /** The concert's queue counters, read consistently. */
  QueueCounters counters(String concertId);

  /** Tokens in the concert's index of admitted sessions (eventually consistent). */
  List<QueueToken> admittedSessions(String concertId);

  /** Ends an admitted session and frees its slot, exactly once. False if already ended. */
  boolean endSession(QueueToken token, Instant now);

  /**
   * Moves the admission cursor from {@code from} to {@code to}; false if another run moved it.
   * {@code usersStillWaiting} tells whether the rate measurement continues from {@code now}.
   */
  boolean advanceAdmission(String concertId, long from, long to, Instant now, Optional<Double> admissionsPerSecond,
      boolean usersStillWaiting);

  /** What was stored under a sequence number: a token, a mark that none will come, or nothing yet. */
  sealed interface Slot permits Slot.Token, Slot.Abandoned, Slot.Empty {
    record Token(QueueTokenId id) implements Slot {}
    record Abandoned() implements Slot {}
    record Empty() implements Slot {}
  }

  List<Slot> slots(String concertId, long fromExclusive, long toInclusive);

  /**
   * Marks a sequence number that will never be a token (admission reaching a number nobody
   * stored), so admission does not wait for it; false if a token took it first.
   */
  boolean claimAbandoned(String concertId, long sequence);

  /** Switches a WAITING token to ACTIVE until {@code activeUntil}. */
  Activation activate(QueueTokenId id, long sequence, Instant now, Instant activeUntil);

  enum Activation { ACTIVATED, ALREADY_ADMITTED, TOKEN_GONE }

  /**
   * Records that sequence numbers up to {@code to} have been activated, and that
   * {@code abandoned} of them never became tokens (their slots are free again). Exactly once:
   * false if another run recorded it.
   */
  boolean completeActivation(String concertId, long from, long to, long abandoned);
}
