package dev.ticketing.queue.join;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;

/**
 * What joining a queue reads and writes: only the caller's own token item for the concert and one
 * counter of arrivals, never an item shared by the concert's joiners (docs/data-model.md, "Queue").
 */
public interface JoinStore {
  /** Replaced turns an item keeps, newest first, so an old token still reads how it ended. */
  int KEPT_ENDED = 4;

  /**
   * The user's token item for the concert as a join sees it.
   *
   * @param token the token it holds now
   * @param holdsSlot the token is still counted against the active limit (listed among the
   *     admitted sessions until maintenance ends it), whatever its status says
   * @param earlier the turns it replaced, newest first
   */
  record Stored(QueueToken token, boolean holdsSlot, List<EndedTurn> earlier) {}

  /** A replaced turn: (a prefix of) its secret, its receipt, and how it had ended. */
  record EndedTurn(String secret, String receiptId, QueueToken.Status endedAs) {}

  /** The user's token item for the concert, if any, read consistently. */
  Optional<Stored> stored(String userId, String concertId);

  /** The user's current token for the concert, if any, read consistently. */
  default Optional<QueueToken> latestToken(String userId, String concertId) {
    return stored(userId, concertId).map(Stored::token);
  }

  /**
   * Takes the next number for an arrival in the second {@code bucket}, from one of the concert's K
   * counters for that second, chosen at random. With {@code within}, given up
   * (StorageUnavailableException) once that long has passed: a number taken later than placement
   * reads the counters would have no place.
   */
  ArrivalNumber takeNumber(String concertId, long bucket, Optional<Duration> within);

  /**
   * Stores a new token, waiting for a place, as the user's one token for the concert: only if the
   * item still holds {@code replacing} (or, without it, holds nothing) and no admitted session.
   * {@code earlier} is kept with it (the replaced turn first). With {@code preQueueUntil} (the
   * sale's opening), it waits in the pre-queue for the draw. With {@code within}, the write is
   * given up (StorageUnavailableException) once that long has passed, so that no token reaches
   * the index later than placement expects it.
   */
  InsertResult insert(QueueToken token, Optional<QueueTokenId> replacing, List<EndedTurn> earlier,
      Optional<Instant> preQueueUntil, Optional<Duration> within);

  enum InsertResult { INSERTED, USER_HAS_NEWER_TOKEN }
}
