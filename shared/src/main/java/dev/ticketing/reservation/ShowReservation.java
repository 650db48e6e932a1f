package dev.ticketing.reservation;

import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Clock;
import javax.inject.Inject;

/**
 * Use case: a reservation, for its owner only. Not gated, so it keeps working after the
 * payment has spent the queue token. Another user's reservation is "not found", never
 * "forbidden", so ids cannot be probed.
 */
public final class ShowReservation {
  private final ReservationStore store;
  private final Clock clock;

  @Inject
  public ShowReservation(ReservationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public ReservationView show(String userId, String reservationId) {
    return store.find(reservationId)
        .filter(reservation -> reservation.userId().equals(userId))
        .map(reservation -> reservation.viewAt(Instants.now(clock)))
        .orElseThrow(() -> new Refused(Refusal.RESERVATION_NOT_FOUND, "you have no reservation " + reservationId));
  }
}
