package dev.ticketing.reservation;

import java.util.Optional;

/** Where reservations are read: by their owner, and by the payment that confirms one. */
public interface ReservationStore {

  /** The reservation, read consistently. */
  Optional<Reservation> find(String reservationId);
}
