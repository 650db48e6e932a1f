package dev.ticketing.wallet;

import dev.ticketing.domain.Refused;
import java.util.Optional;

/**
 * The id of a charge, fixed before its first attempt: the client's {@code Idempotency-Key}
 * (1-128 printable ASCII characters, scoped to the user), or the request's own id.
 */
public record IdempotencyKey(String value, boolean clientChosen) {

  public static IdempotencyKey of(Optional<String> header, String requestId) {
    if (header.isEmpty()) {
      return new IdempotencyKey("request:" + requestId, false);
    }
    String key = header.get();
    if (key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw Refused.invalid("Idempotency-Key", "must be 1-128 printable ASCII characters");
    }
    return new IdempotencyKey("key:" + key, true);
  }
}
