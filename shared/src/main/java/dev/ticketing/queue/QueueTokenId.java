package dev.ticketing.queue;

import dev.ticketing.domain.Ids;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value clients send as {@code X-Queue-Token}: {@code <concertId>.<secret>}, where the
 * secret is 192 random bits. The concert travels in the token so that one request can read the
 * token together with its queue's counters; the secret alone is the storage key.
 */
public record QueueTokenId(String concertId, String secret) {
  private static final int SECRET_BYTES = 24;
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public static QueueTokenId generate(String concertId) {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return new QueueTokenId(concertId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The token a header carries, if it has the shape of one; no storage is read. */
  public static Optional<QueueTokenId> parse(String value) {
    if (value == null || value.length() > 200) {
      return Optional.empty();
    }
    int dot = value.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String concertId = value.substring(0, dot);
    String secret = value.substring(dot + 1);
    return Ids.isValid(concertId) && SECRET.matcher(secret).matches()
        ? Optional.of(new QueueTokenId(concertId, secret))
        : Optional.empty();
  }

  public String value() {
    return concertId + "." + secret;
  }

  @Override
  public String toString() {
    // Tokens are credentials: never let one reach a log through string concatenation.
    return "QueueTokenId[" + concertId + ".***]";
  }
}
