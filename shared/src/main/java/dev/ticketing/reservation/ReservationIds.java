package dev.ticketing.reservation;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New reservation ids: 128 random bits, base64url (22 characters, a valid API id). Fixed before
 * the hold's first attempt, so every retry of that hold writes the same record or none.
 */
final class ReservationIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReservationIds() {}

  static String generate() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
