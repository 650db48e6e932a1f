package dev.ticketing.queue.gate;

import java.time.Instant;

/**
 * A gated request's proof of admission: the caller's own ACTIVE token for the concert, whose turn
 * began at {@code activatedAt} and ends at {@code activeUntil}.
 */
public record ActiveSession(String token, String userId, String concertId, Instant activatedAt, Instant activeUntil) {

  /**
   * Whether something made at {@code instant} was made in this turn. A hold never outlives the turn
   * that made it: one made in an earlier turn (which a sale's close ended early) is not this turn's.
   */
  public boolean began(Instant instant) {
    return !instant.isBefore(activatedAt);
  }
}
