package dev.ticketing.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Opaque cursors: the position of the last item of a page, base64url-encoded. A cursor that
 * does not decode to a position of the expected shape is refused, so a tampered cursor can
 * never become a storage key of another shape.
 */
public final class Cursors {
  private static final String VERSION = "v1:";

  private Cursors() {}

  public static String encode(String position) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((VERSION + position).getBytes(StandardCharsets.UTF_8));
  }

  public static Optional<String> decode(String cursor, Predicate<String> validPosition) {
    if (cursor.length() > 512) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!decoded.startsWith(VERSION)) {
        return Optional.empty();
      }
      String position = decoded.substring(VERSION.length());
      return validPosition.test(position) ? Optional.of(position) : Optional.empty();
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }
}
