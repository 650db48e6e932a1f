package dev.ticketing.payment;

import dev.ticketing.queue.ActiveSession;
import dev.ticketing.reservation.Reservation;
import java.util.Optional;

/** Where payments are made. */
public interface PaymentStore {

  /**
   * Pays for a held reservation in one transaction, all or nothing, at {@code payment.paidAt()}:
   * the seat HELD by the caller becomes SOLD, the reservation CONFIRMED, the balance drops by the
   * reservation's price, {@code payment} is recorded, and the caller's queue token is spent.
   */
  PayResult pay(Reservation reservation, Payment payment, ActiveSession session);

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
  Optional<Payment> paymentOf(Reservation confirmed);
}
