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
   * The concert's reservations whose hold is over by {@code by} and whose seats may still be
   * stored HELD, from the index of holds by expiry time (eventually consistent: may include some
   * already settled). A hold that the owner's next hold marked EXPIRED stays in the index until
   * its seats are freed here. With {@code by} in the future, also holds still running.
   */
  List<Reservation> expiredHolds(String concertId, Instant by);

  /**
   * Ends an expired hold: frees its seats and marks the reservation EXPIRED, in one transaction;
   * if some seat was taken again since, the seats this reservation still holds one by one, then
   * the reservation. Never touches a reservation that was confirmed, released or settled meanwhile.
   */
  Release release(Reservation expired, Instant now);

  /** What one release did: the seats it freed, and whether it settled the reservation (false: settled before). */
  record Release(int seatsFreed, boolean settled) {
    public static final Release ALREADY_SETTLED = new Release(0, false);
  }
}
