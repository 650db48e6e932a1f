package dev.ticketing.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where queues are kept. Every method that changes something is a conditional write, so that
 * concurrent callers (many users, overlapping scheduler runs, retries) cannot break the
 * queue's order or its bound on ACTIVE users.
 */
public interface QueueStore {

  /** The token, read consistently. One request. */
  Optional<QueueToken> token(QueueTokenId id);

  record TokenInQueue(Optional<QueueToken> token, QueueCounters counters) {}

  /**
   * The token and its queue's counters together, for a status poll: one request whatever the
   * queue's length. The hottest read, so eventually consistent, at half the read units,
   * so it may trail an admission or a payment by a moment (never a gated decision: the gate reads
   * consistently). A token it does not find is read again consistently, so a token just issued is
   * never reported unknown. One request whenever the token exists.
   */
  TokenInQueue polledTokenInQueue(QueueTokenId id);

  /** Whether the concert exists, and the user's latest token for it, if any. */
  JoinContext joinContext(String userId, String concertId);

  record JoinContext(boolean concertExists, Optional<QueueToken> latestToken) {}

  /** Takes the next sequence number (an atomic counter); the counters right after, with it as {@code issued}. */
  QueueCounters nextSequence(String concertId);

  /**
   * Stores a new token and makes it the user's latest for the concert, all or nothing: only if
   * the user's latest token is still {@code replacing} (or none), and only if no other claim was
   * made on the sequence number.
   */
  InsertResult insert(QueueToken token, Optional<QueueTokenId> replacing);

  enum InsertResult { INSERTED, USER_HAS_NEWER_TOKEN, SEQUENCE_CLAIMED }

  /**
   * Records the first gated use of an ACTIVE token, once. False if the token is no longer
   * usable at {@code now} (expired, ended, or past its grace without use).
   */
  boolean recordFirstUse(QueueTokenId id, Instant now, Instant graceDeadline);

  // Admission, run by the scheduled function.

  List<String> concertIds();

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
   * Marks a sequence number that will never be a token (a join that lost to a concurrent one,
   * or admission reaching a number nobody stored), so admission does not wait for it; false if
   * a token took it first.
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
