package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What joining a queue reads and writes: only items of the caller and of the new token, never an
 * item shared by the concert's joiners (DESIGN.md, "Rush scale").
 */
public interface JoinStore {

  /** The user's latest token for the concert, if any, read consistently. */
  Optional<QueueToken> latestToken(String userId, String concertId);

  /**
   * Takes the next number for an arrival in the second {@code bucket}, from one of the concert's K
   * counters for that second, chosen at random. With {@code within}, given up
   * (StorageUnavailableException) once that long has passed: a number taken later than placement
   * reads the counters would have no place.
   */
  ArrivalNumber takeNumber(String concertId, long bucket, Optional<Duration> within);

  /**
   * Stores a new token, waiting for a place, and makes it the user's latest for the concert, all
   * or nothing: only if the user's latest token is still {@code replacing} (or none). With
   * {@code preQueueUntil} (the sale's opening), it waits in the pre-queue for the draw. With
   * {@code within}, the write is given up (StorageUnavailableException) once that long has
   * passed, so that no token reaches the index later than placement expects it.
   */
  InsertResult insert(QueueToken token, Optional<QueueTokenId> replacing, Optional<Instant> preQueueUntil,
      Optional<Duration> within);

  enum InsertResult { INSERTED, USER_HAS_NEWER_TOKEN }
}
