package dev.ticketing.payment;

import dev.ticketing.queue.gate.ActiveSession;
import dev.ticketing.reservation.Reservation;
import java.time.Instant;

/** The payment a reservation becomes when paid at a given instant with a given turn in the queue. */
final class PaymentRecords {
  private PaymentRecords() {}

  static PaymentRecord of(Reservation reservation, ActiveSession session, Instant paidAt) {
    // One payment per reservation, so the reservation names it.
    Payment payment = new Payment("pay_" + reservation.reservationId(), reservation.reservationId(),
        reservation.userId(), reservation.price(), paidAt, reservation.concertId(), reservation.scheduleId(),
        reservation.seatNos());
    return PaymentRecord.paidWith(payment, session.token());
  }
}
