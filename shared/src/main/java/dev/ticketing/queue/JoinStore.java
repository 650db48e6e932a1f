package dev.ticketing.queue;

import java.util.Optional;

/**
 * What joining a queue reads and writes. Every change is a conditional write, so concurrent
 * joins (many users, one user's repeats, admission reaching a number) cannot break the order.
 */
public interface JoinStore {

  /** Whether the concert exists, and the user's latest token for it, if any. */
  JoinContext joinContext(String userId, String concertId);

  record JoinContext(boolean concertExists, Optional<QueueToken> latestToken) {}

  /** The concert's queue counters, read consistently. */
  QueueCounters counters(String concertId);

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
   * Marks a sequence number that will never be a token (this join lost to a concurrent one of
   * the same user), so admission does not wait for it; false if a token took it first.
   */
  boolean claimAbandoned(String concertId, long sequence);
}
