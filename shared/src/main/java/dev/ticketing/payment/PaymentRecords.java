package dev.ticketing.payment;

import dev.ticketing.reservation.Reservation;
import java.time.Instant;

/** The payment a reservation becomes when paid at a given instant. */
final class PaymentRecords {
  private PaymentRecords() {}

  static Payment of(Reservation reservation, Instant paidAt) {
    // One payment per reservation, so the reservation names it.
    return new Payment("pay_" + reservation.reservationId(), reservation.reservationId(),
        reservation.userId(), reservation.price(), paidAt, reservation.concertId(), reservation.scheduleId(),
        reservation.seatNo());
  }
}
