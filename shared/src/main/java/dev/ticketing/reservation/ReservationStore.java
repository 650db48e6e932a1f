package dev.ticketing.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where reservations and the holds on seats are kept. Every change is conditional and the seat
 * and its reservation change in one transaction, so there is never a hold without its
 * reservation nor a HELD reservation that took a seat it does not hold.
 */
public interface ReservationStore {

  /**
   * Holds the seat for {@code reservation} and stores the reservation, in one transaction:
   * only if the seat is AVAILABLE or HELD with a hold over by {@code reservation.heldAt()}, and
   * costs {@code reservation.price()}. REFUSED changes nothing.
   */
  HoldResult hold(Reservation reservation);

  enum HoldResult { HELD, REFUSED }

  /** The reservation, read consistently. */
  Optional<Reservation> find(String reservationId);

  /**
   * The concert's HELD reservations whose hold was over by {@code now}, from the index of holds
   * by expiry time (eventually consistent: may include some already settled).
   */
  List<Reservation> expiredHolds(String concertId, Instant now);

  /**
   * Ends an expired hold: frees the seat if this reservation still holds it, and marks the
   * reservation EXPIRED, in one transaction; if the seat was taken again since, only the
   * reservation. Never touches a reservation that was confirmed or settled meanwhile.
   */
  Release release(Reservation expired, Instant now);

  enum Release { SEAT_FREED, RESERVATION_EXPIRED, ALREADY_SETTLED }
}
