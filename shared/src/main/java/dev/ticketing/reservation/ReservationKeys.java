package dev.ticketing.reservation;

import java.time.Instant;

/** Keys of the reservation items and of the index of holds by expiry (docs/data-model.md, "Reservations"). */
final class ReservationKeys {
  static final String RESERVATION_SK = "RESERVATION";

  private ReservationKeys() {}

  static String reservationPk(String reservationId) {
    return "RESERVATION#" + reservationId;
  }

  /** The gsi1 partition of a concert's running holds; only HELD reservations carry it. */
  static String holdsIndexPk(String concertId) {
    return "HOLDS#" + concertId;
  }

  /** Ordered by expiry: epoch millis zero-padded so that string order is time order. */
  static String holdsIndexSk(Instant holdExpiresAt, String reservationId) {
    return String.format("%015d#%s", holdExpiresAt.toEpochMilli(), reservationId);
  }

  /** Every sort key below this bound belongs to a hold over by {@code now} (expiry <= now). */
  static String holdsOverBy(Instant now) {
    return String.format("%015d", now.toEpochMilli() + 1);
  }
}
