package dev.ticketing.reservation;

import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import java.time.Clock;
import javax.inject.Inject;

/**
 * Use case ({@code DELETE /reservations/{id}}, identity only): the owner gives up a hold. Its
 * seats are AVAILABLE at once and it counts no longer against the limit. Idempotent: a hold given
 * up already, or one that ran out (it stays EXPIRED), is answered the same; a paid one cannot be
 * given up. Requests: the reservation's read and, for a running hold, one transaction.
 */
public final class ReleaseReservation {
  /** A refused release re-reads the reservation; it can have changed only once more (paid, expired, released). */
  private static final int ATTEMPTS = 3;

  private final ReservationStore reservations;
  private final HoldRelease release;
  private final Clock clock;
  private final Metrics metrics;

  @Inject
  public ReleaseReservation(ReservationStore reservations, HoldRelease release, Clock clock, Metrics metrics) {
    this.reservations = reservations;
    this.release = release;
    this.clock = clock;
    this.metrics = metrics;
  }

  public void release(String userId, String reservationId) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Reservation reservation = reservations.find(reservationId)
          .filter(r -> r.userId().equals(userId))
          .orElseThrow(() -> new Refused(Refusal.RESERVATION_NOT_FOUND, "you have no reservation " + reservationId));
      switch (reservation.statusAt(Instants.now(clock))) {
        case CONFIRMED -> throw new Refused(Refusal.ALREADY_PAID, "this reservation is paid and cannot be given up");
        case RELEASED, EXPIRED -> {
          return;
        }
        case HELD -> {
          HeldOrder order = reservation.order();
          if (release.release(order, Instants.now(clock))) {
            metrics.emit(MetricRecord.concert(order.concertId()).with(Metric.HOLDS_RELEASED, 1)
                .with(Metric.SEATS_RELEASED, order.seatNos().size()));
            return;
          }
          // Paid, given up or run out between the read and the write: read it again and answer that.
        }
      }
    }
    throw new IllegalStateException("reservation " + reservationId + " stays HELD but cannot be released");
  }
}
