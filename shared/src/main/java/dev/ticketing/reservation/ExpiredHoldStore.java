package dev.ticketing.reservation;

import java.time.Instant;
import java.util.List;

/**
 * Where the release step finds holds that ran out and settles them. Every change is
 * conditional, so a payment confirming the same hold, a new hold on the seat or an overlapping
 * run is never undone.
 */
public interface ExpiredHoldStore {

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
