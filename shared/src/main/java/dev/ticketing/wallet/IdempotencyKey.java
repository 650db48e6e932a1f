package dev.ticketing.wallet;

import java.util.Optional;

/**
 * The id of a charge, fixed before its first attempt: a key the client chose (1-128 printable
 * ASCII characters, scoped to the user), or the request's own id.
 */
public record IdempotencyKey(String value, boolean clientChosen) {
  public static final int MAX_LENGTH = 128;
  /** What a key the client chooses must be, for the refusal of one that is not. */
  public static final String RULE = "must be 1-" + MAX_LENGTH + " printable ASCII characters";

  /** The client's own key, if it is one ({@link #RULE}). */
  public static Optional<IdempotencyKey> chosen(String key) {
    boolean valid = !key.isEmpty() && key.length() <= MAX_LENGTH && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    return valid ? Optional.of(new IdempotencyKey("key:" + key, true)) : Optional.empty();
  }

  /** The key of a charge whose client chose none: the request's own id, the same through retries of it. */
  public static IdempotencyKey ofRequest(String requestId) {
    return new IdempotencyKey("request:" + requestId, false);
  }
}
