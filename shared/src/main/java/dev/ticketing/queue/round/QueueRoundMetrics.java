package dev.ticketing.queue.round;

import dev.ticketing.sale.SaleState;
import dev.ticketing.domain.Instants;
import dev.ticketing.metrics.Dimension;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import dev.ticketing.queue.QueueCounters;

/**
 * What a queue round reports for one concert: how many it placed, admitted and whose sessions it
 * ended, and, unless the queue is idle, where it stands (waiting, active, how long it has not
 * moved). All of it comes from the counters the round read anyway: no request of its own.
 *
 * <p>{@link Metric#QUEUE_STALLED_SECONDS}: users wait in an OPEN sale and the admission cursor has
 * not moved since... when? Since {@code lastAdmissionAt} if the counters keep it (an admission
 * that left users waiting), else since this instance first saw the cursor where it is. A cursor
 * that moved, a queue nobody waits in and a sale that is not OPEN start the count again.
 */
@Singleton
final class QueueRoundMetrics {
  /** The cursor as this instance last saw it, and since when it stands there with users waiting. */
  private record Seen(long admitted, long version, Instant since) {}

  private final Metrics metrics;
  private final Clock clock;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  @Inject
  QueueRoundMetrics(Metrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Reports one round; {@code counters} as they stood after it, {@code null} if the round could not read them. */
  void report(String concertId, QueueRound.Report did, QueueCounters counters) {
    SaleState saleState = did.saleState();
    MetricRecord record = MetricRecord.concert(concertId);
    record = count(record, Metric.PLACES_HANDED_OUT, did.placed());
    record = count(record, Metric.USERS_ADMITTED, did.admitted());
    record = count(record, Metric.SESSIONS_ENDED, did.ended());
    if (counters != null) {
      long waiting = Math.max(0, counters.placedThrough() - counters.admitted());
      long active = Math.max(0, counters.holdingSlots());
      Seen before = seen.get(concertId);
      long stalled = stalledSeconds(concertId, counters, waiting, saleState);
      // An idle queue reports nothing, but the round that made it idle still says so.
      if (waiting > 0 || active > 0 || before == null || before.version() != counters.version()) {
        record = record.with(Metric.USERS_WAITING, waiting).with(Metric.ACTIVE_USERS, active)
            .with(Metric.QUEUE_STALLED_SECONDS, stalled);
      }
    }
    metrics.emit(record);
  }

  /** The sale's state changed to {@code to}: counted per concert and per state it entered. */
  void saleStateChanged(String concertId, SaleState to) {
    metrics.emit(MetricRecord.concert(concertId).by(Dimension.SALE_STATE, to.name()).with(Metric.SALE_STATE_CHANGES, 1));
  }

  private long stalledSeconds(String concertId, QueueCounters counters, long waiting, SaleState saleState) {
    Instant now = Instants.now(clock);
    if (waiting == 0 || saleState != SaleState.OPEN) {
      seen.put(concertId, new Seen(counters.admitted(), counters.version(), now));
      return 0;
    }
    Seen before = seen.get(concertId);
    Instant since = before != null && before.admitted() == counters.admitted()
        ? before.since()
        : counters.lastAdmissionAt().orElse(now);
    seen.put(concertId, new Seen(counters.admitted(), counters.version(), since));
    return Math.max(0, Duration.between(since, now).toSeconds());
  }

  private static MetricRecord count(MetricRecord record, Metric metric, long value) {
    return value > 0 ? record.with(metric, value) : record;
  }
}
