package dev.ticketing.queue;

import dev.ticketing.domain.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A queue token, which its holder sends back with every gated request:
 * {@code <concertId>.<ownerHash>.<secret>}, where the owner hash names the user (base64url of the first 16 bytes of SHA-256 of the user id) and
 * the secret is 192 random bits. Concert and owner hash make the storage key: one token item per
 * user and concert, found by a join without any pointer, and a token can be refused as another
 * user's or another concert's before anything is read. The secret is what authenticates: no
 * server secret is needed for the hash, since knowing a user's hash gives nothing without the
 * secret stored under it.
 */
public record QueueTokenId(String concertId, String ownerHash, String secret) {
  private static final int SECRET_BYTES = 24;
  private static final int OWNER_HASH_BYTES = 16;
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{32}");
  private static final Pattern OWNER_HASH = Pattern.compile("[A-Za-z0-9_-]{22}");
  /** The longest token: a 64-character concert id, a 22-character owner hash, a 32-character secret. */
  public static final int MAX_LENGTH = 64 + 1 + 22 + 1 + 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new token of {@code userId} for the concert. */
  public static QueueTokenId generate(String concertId, String userId) {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return new QueueTokenId(concertId, ownerHashOf(userId), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The owner hash of {@code userId}: base64url of the first 16 bytes of its SHA-256. */
  public static String ownerHashOf(String userId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, OWNER_HASH_BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The token {@code value} spells, if it has the shape of one; no storage is read. */
  public static Optional<QueueTokenId> parse(String value) {
    if (value == null || value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int secretDot = value.lastIndexOf('.');
    if (secretDot <= 0) {
      return Optional.empty();
    }
    int hashDot = value.lastIndexOf('.', secretDot - 1);
    if (hashDot <= 0) {
      return Optional.empty();
    }
    String concertId = value.substring(0, hashDot);
    String ownerHash = value.substring(hashDot + 1, secretDot);
    String secret = value.substring(secretDot + 1);
    return Ids.isValid(concertId) && OWNER_HASH.matcher(ownerHash).matches() && SECRET.matcher(secret).matches()
        ? Optional.of(new QueueTokenId(concertId, ownerHash, secret))
        : Optional.empty();
  }

  /** Whether this token can be {@code userId}'s: its owner hash is theirs. */
  public boolean ownedBy(String userId) {
    return ownerHash.equals(ownerHashOf(userId));
  }

  public String value() {
    return concertId + "." + ownerHash + "." + secret;
  }

  @Override
  public String toString() {
    // Tokens are credentials: never let one reach a log through string concatenation.
    return "QueueTokenId[" + concertId + "." + ownerHash + ".***]";
  }
}
