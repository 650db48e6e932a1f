package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.SeatId;
import java.util.Optional;

/**
 * Where a hold is made. The seat and its reservation change in one transaction, so there is
 * never a hold without its reservation nor a HELD reservation that took a seat it does not hold.
 */
public interface HoldStore {

  /**
   * Holds the seat for {@code reservation} and stores the reservation, in one transaction:
   * only if the seat is AVAILABLE or HELD with a hold over by {@code reservation.heldAt()}, and
   * costs {@code reservation.price()}. REFUSED changes nothing.
   */
  HoldResult hold(Reservation reservation);

  enum HoldResult { HELD, REFUSED }

  /** The seat as it stands, read consistently: why a hold was refused. Empty if there is no such seat. */
  Optional<Seat> seat(SeatId seat);
}
