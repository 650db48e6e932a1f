package dev.ticketing.reservation;

import dev.ticketing.catalog.SeatId;
import java.time.Instant;
import java.util.Optional;

/**
 * One hold of one seat by one user, as stored. It keeps its history: after it expires and the
 * seat goes to someone else, it still reads EXPIRED for its owner. {@code storedStatus} is what
 * was last written; {@code confirmedAt} is the payment's time once paid; a HELD reservation whose hold has run out is EXPIRED before the release
 * step rewrites it (see {@link #statusAt}).
 */
public record Reservation(
    String reservationId,
    String userId,
    String concertId,
    String scheduleId,
    int seatNo,
    long price,
    ReservationStatus storedStatus,
    Instant heldAt,
    Instant holdExpiresAt,
    Optional<Instant> confirmedAt) {

  static Reservation held(String reservationId, String userId, String concertId, String scheduleId, int seatNo, long price,
      Instant now, Instant holdExpiresAt) {
    return new Reservation(reservationId, userId, concertId, scheduleId, seatNo, price, ReservationStatus.HELD, now,
        holdExpiresAt, Optional.empty());
  }

  /** The seat this reservation holds, or held. */
  public SeatId seat() {
    return new SeatId(concertId, scheduleId, seatNo);
  }

  public ReservationStatus statusAt(Instant now) {
    if (storedStatus == ReservationStatus.HELD && !now.isBefore(holdExpiresAt)) {
      return ReservationStatus.EXPIRED;
    }
    return storedStatus;
  }

  public ReservationView viewAt(Instant now) {
    return new ReservationView(reservationId, concertId, scheduleId, seatNo, price, statusAt(now), holdExpiresAt);
  }
}
