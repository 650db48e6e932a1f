package dev.ticketing.reservation;

import java.time.Instant;
import java.util.List;

/**
 * A reservation as the API shows it ({@code POST /reservations}, {@code GET /reservations/{id}}):
 * its seats by number and with their prices, and the sum of those prices.
 */
public record ReservationView(
    String reservationId,
    String concertId,
    String scheduleId,
    List<Integer> seatNos,
    List<ReservedSeat> seats,
    long price,
    ReservationStatus status,
    Instant holdExpiresAt) {

  public ReservationView {
    seatNos = List.copyOf(seatNos);
    seats = List.copyOf(seats);
  }
}
