package dev.ticketing.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * What joining a queue reads and writes: only items of the caller and of the new token, never an
 * item shared by the concert's joiners (DESIGN.md, "Rush scale").
 */
public interface JoinStore {

  /** The user's latest token for the concert, if any, read consistently. */
  Optional<QueueToken> latestToken(String userId, String concertId);

  /**
   * Stores a new token, waiting for a place, and makes it the user's latest for the concert, all
   * or nothing: only if the user's latest token is still {@code replacing} (or none). With
   * {@code within}, the write is given up (StorageUnavailableException) once that long has
   * passed, so that no token reaches the index later than placement expects it.
   */
  InsertResult insert(QueueToken token, Optional<QueueTokenId> replacing, Optional<Duration> within);

  enum InsertResult { INSERTED, USER_HAS_NEWER_TOKEN }
}
