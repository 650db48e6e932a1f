package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A user's place in one concert's queue, as stored. {@code sequence} is the arrival order;
 * {@code status} is what was last written. Whether the token is live right now also depends
 * on the clock: see {@link #statusAt}.
 */
public record QueueToken(
    QueueTokenId token,
    String userId,
    String concertId,
    long sequence,
    StoredStatus status,
    Instant issuedAt,
    Optional<Instant> activatedAt,
    Optional<Instant> activeUntil,
    Optional<Instant> firstUsedAt) {

  /** What the item says; an ACTIVE token can still have run out of time. */
  public enum StoredStatus { WAITING, ACTIVE, EXPIRED }

  /** What the API reports. */
  public enum Status { WAITING, ACTIVE, EXPIRED }

  /**
   * The token's status at {@code now}: an admitted token expires at {@code activeUntil}, or
   * after {@code grace} if no gated request has used it by then.
   */
  public Status statusAt(Instant now, Duration grace) {
    return switch (status) {
      case WAITING -> Status.WAITING;
      case EXPIRED -> Status.EXPIRED;
      case ACTIVE -> isWithinTime(now, grace) ? Status.ACTIVE : Status.EXPIRED;
    };
  }

  private boolean isWithinTime(Instant now, Duration grace) {
    if (activeUntil.isEmpty() || !now.isBefore(activeUntil.get())) {
      return false;
    }
    return firstUsedAt.isPresent() || activatedAt.map(a -> now.isBefore(a.plus(grace))).orElse(false);
  }
}
