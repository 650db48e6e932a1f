package dev.ticketing.queue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A user's turn in one concert's queue, as stored. {@code place} is its number in admission
 * order where it is written: in an admitted token, and in a drawn pre-queue token. A waiting
 * arrival's place is not written: it follows from its {@code number} and the range a maintenance
 * round records for that second ({@link ArrivalRange}). {@code status} is what was last written. Whether the token is live right now also depends on
 * the clock: see {@link #statusAt}.
 *
 * @param receiptId public and random: what the token is known by where others can see it
 * @param joinedAt the server's clock at the join: places follow it
 * @param inPreQueue it joined before the sale's opening and waits for the draw to place it: stored
 *     as a pre-queue token and not placed yet (the {@code preQueue} of docs/api.md). Known from the token
 *     itself, since the queue's shared state may still say UPCOMING just after the opening.
 */
public record QueueToken(
    QueueTokenId token,
    String receiptId,
    String userId,
    String concertId,
    StoredStatus status,
    Instant joinedAt,
    Optional<Long> place,
    boolean inPreQueue,
    Optional<ArrivalNumber> number,
    Optional<Instant> activatedAt,
    Optional<Instant> activeUntil,
    Optional<Instant> firstUsedAt) {

  /**
   * What the item says; an ACTIVE token can still have run out of time. CLOSED only for a token a
   * rejoin replaced while the sale's close had ended it: the item keeps how it ended.
   */
  public enum StoredStatus { WAITING, ACTIVE, EXPIRED, CLOSED }

  /** What the API reports; CLOSED: the sale closed before this token's turn ended (terminal). */
  public enum Status { WAITING, ACTIVE, EXPIRED, CLOSED }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new receipt id: 128 random bits, base64url. Public, so it must not let anyone guess a token. */
  public static String newReceiptId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * A token just issued: waiting, without a place yet; in the pre-queue if it joined before the
   * opening (then the draw places it), otherwise with its arrival number.
   */
  public static QueueToken joined(QueueTokenId token, String receiptId, String userId, Instant now,
      Optional<ArrivalNumber> number) {
    return new QueueToken(token, receiptId, userId, token.concertId(), StoredStatus.WAITING, now, Optional.empty(),
        number.isEmpty(), number, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A token a rejoin replaced: only how it ended is kept (terminal), with its receipt. */
  public static QueueToken replaced(QueueTokenId token, String receiptId, String userId, Status endedAs) {
    StoredStatus stored = endedAs == Status.CLOSED ? StoredStatus.CLOSED : StoredStatus.EXPIRED;
    return new QueueToken(token, receiptId, userId, token.concertId(), stored, Instant.EPOCH, Optional.empty(), false,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The token's status at {@code now}: an admitted token expires at {@code activeUntil}, or
   * after {@code grace} if no gated request has used it by then.
   */
  public Status statusAt(Instant now, Duration grace) {
    return switch (status) {
      case WAITING -> Status.WAITING;
      case EXPIRED -> Status.EXPIRED;
      case CLOSED -> Status.CLOSED;
      case ACTIVE -> isWithinTime(now, grace) ? Status.ACTIVE : Status.EXPIRED;
    };
  }

  /**
   * As {@link #statusAt(Instant, Duration)}, where the sale closed at {@code closedBefore}: a
   * token that joined before then and whose turn had not ended is CLOSED (docs/api.md), also after the
   * sale reopens. No token is written for it; the close is a fact of the queue's shared state.
   */
  public Status statusAt(Instant now, Duration grace, Optional<Instant> closedBefore) {
    Status status = statusAt(now, grace);
    boolean live = status == Status.WAITING || status == Status.ACTIVE;
    return live && closedBefore.filter(joinedAt::isBefore).isPresent() ? Status.CLOSED : status;
  }

  private boolean isWithinTime(Instant now, Duration grace) {
    if (activeUntil.isEmpty() || !now.isBefore(activeUntil.get())) {
      return false;
    }
    return firstUsedAt.isPresent() || activatedAt.map(a -> now.isBefore(a.plus(grace))).orElse(false);
  }
}
