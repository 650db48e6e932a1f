package dev.ticketing.payment;

import dev.ticketing.queue.QueueKeys;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Payments live in the payer's partition, sorted by time, so the history is one Query newest
 * first, read consistently: {@code USER#<userId>} / {@code PAYMENT#<paidAt, 15 digits>#<reservationId>}.
 */
public final class PaymentKeys {
  static final String PREFIX = "PAYMENT#";
  private static final Pattern POSITION = Pattern.compile("\\d{15}#[A-Za-z0-9._-]{1,64}");

  private PaymentKeys() {}

  static String userPk(String userId) {
    return QueueKeys.userPk(userId);
  }

  /** The part of the sort key after the prefix: also the opaque cursor's position. */
  static String position(Instant paidAt, String reservationId) {
    return String.format("%015d#%s", paidAt.toEpochMilli(), reservationId);
  }

  static String paymentSk(Instant paidAt, String reservationId) {
    return PREFIX + position(paidAt, reservationId);
  }

  public static boolean isPosition(String value) {
    return POSITION.matcher(value).matches();
  }

  /** One payment per reservation, so the reservation names it. */
  static String paymentId(String reservationId) {
    return "pay_" + reservationId;
  }
}
