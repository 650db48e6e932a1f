package dev.ticketing.payment;

import dev.ticketing.queue.gate.ActiveSession;
import dev.ticketing.reservation.Reservation;
import java.util.Optional;

/** Where payments are made. */
public interface PaymentStore {

  /**
   * Pays for a held reservation in one transaction, all or nothing, at the payment's
   * {@code paidAt}: every seat HELD by the caller becomes SOLD, the reservation CONFIRMED, the
   * caller's ticket count moves the seats from held to paid, the balance drops by the
   * reservation's price, {@code record} is stored, and the caller's queue token is spent.
   */
  PayResult pay(Reservation reservation, PaymentRecord record, ActiveSession session);

  /** Why a payment did not happen; the first reason that applies, in this order. */
  enum PayResult {
    PAID,
    /** This very payment was recorded already (a retry after a lost response). */
    ALREADY_RECORDED,
    /** The reservation is no longer HELD with time left: paid meanwhile, expired or released. */
    RESERVATION_NOT_HELD,
    TOKEN_SPENT,
    SEAT_NOT_HELD,
    INSUFFICIENT_BALANCE
  }

  /** The payment of a CONFIRMED reservation. */
  Optional<PaymentRecord> paymentOf(Reservation confirmed);
}
