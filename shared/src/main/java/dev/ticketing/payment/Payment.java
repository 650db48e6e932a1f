package dev.ticketing.payment;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** A confirmed purchase of one held order, as the API shows it: every seat of it, for the sum of their prices. */
public record Payment(
    String paymentId,
    String reservationId,
    String userId,
    long amount,
    Instant paidAt,
    String concertId,
    String scheduleId,
    List<Integer> seatNos) {

  private static final Pattern HISTORY_POSITION = Pattern.compile("\\d{15}#[A-Za-z0-9._-]{1,64}");

  public Payment {
    seatNos = List.copyOf(seatNos);
  }

  /**
   * Where this payment stands in its payer's history, newest last: the time (epoch millis,
   * zero-padded so that string order is time order), then the reservation. Also a page cursor's
   * position.
   */
  public String historyPosition() {
    return historyPosition(paidAt, reservationId);
  }

  /** The {@link #historyPosition()} of the payment of {@code reservationId} made at {@code paidAt}. */
  public static String historyPosition(Instant paidAt, String reservationId) {
    return String.format("%015d#%s", paidAt.toEpochMilli(), reservationId);
  }

  /** Whether {@code value} has the shape of a {@link #historyPosition()}. */
  public static boolean isHistoryPosition(String value) {
    return HISTORY_POSITION.matcher(value).matches();
  }
}
