package dev.ticketing.reservation;

import dev.ticketing.domain.Instants;
import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/**
 * After a payment: the payer's other running holds of that concert are given up (RELEASED), so
 * their seats do not sit dead until they run out. Best effort, after the payment's own
 * transaction: a failure here is logged and left to the release of expired holds, and until then
 * those holds still count against the limit. The holds come from the ticket count the payment
 * read with its token; one made after that read is left to run out.
 */
public final class ReleaseOtherHolds {
  private final HoldRelease release;
  private final Clock clock;
  private final JsonLog log;
  private final Metrics metrics;

  @Inject
  public ReleaseOtherHolds(HoldRelease release, Clock clock, JsonLog log, Metrics metrics) {
    this.release = release;
    this.clock = clock;
    this.log = log;
    this.metrics = metrics;
  }

  /** Releases every running hold of {@code count} but {@code paid}'s; returns how many it released. */
  public int after(String paidReservationId, TicketCount count) {
    int released = 0;
    for (TicketCount.ListedHold hold : count.liveAt(Instants.now(clock))) {
      if (hold.reservationId().equals(paidReservationId)) {
        continue;
      }
      try {
        HeldOrder order = hold.order(count.userId(), count.concertId());
        if (release.release(order, Instants.now(clock))) {
          released++;
          metrics.emit(MetricRecord.concert(order.concertId()).with(Metric.HOLDS_RELEASED, 1)
              .with(Metric.SEATS_RELEASED, order.seatNos().size()));
        }
      } catch (RuntimeException e) {
        // Best effort: maintenance releases the hold when it runs out.
        Map<String, Object> fields = new LinkedHashMap<>(FailureFields.of(e));
        fields.put("concertId", count.concertId());
        log.warn("releasing another hold after a payment failed", fields);
      }
    }
    return released;
  }
}
