package dev.ticketing.payment;

import dev.ticketing.reservation.Reservation;
import java.time.Instant;

/** The payment a reservation becomes when paid at a given instant. */
final class PaymentRecords {
  private PaymentRecords() {}

  static Payment of(Reservation reservation, Instant paidAt) {
    return new Payment(PaymentKeys.paymentId(reservation.reservationId()), reservation.reservationId(),
        reservation.userId(), reservation.price(), paidAt, reservation.concertId(), reservation.scheduleId(),
        reservation.seatNo());
  }
}
