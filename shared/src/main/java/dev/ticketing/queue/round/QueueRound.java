package dev.ticketing.queue.round;

import dev.ticketing.domain.Instants;
import dev.ticketing.sale.SaleState;
import dev.ticketing.sale.SaleTermsStore;
import dev.ticketing.config.Settings;
import dev.ticketing.maintenance.MaintenanceStep;
import dev.ticketing.sale.SaleSnapshot;
import dev.ticketing.sale.SaleSnapshots;
import dev.ticketing.storage.FanOut;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import dev.ticketing.sale.SaleNow;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.placement.PlaceArrivals;
import dev.ticketing.queue.admission.AdmitWaitingUsers;
import dev.ticketing.queue.admission.AdmissionStore;

/**
 * Maintenance step, per concert, a pipeline: read the sale's snapshot and the counters side by
 * side, derive the sale's state from them and record it where it changed; at the pre-queue's cut-off, admit the draw's head (the head of the
 * pre-queue's index) before anything else; place the new arrivals (at the cut-off, the pre-queue
 * by the draw, which starts with that head); end the
 * sessions that are over; admit into the free slots while the sale is OPEN; then publish the
 * queue's shared state for polls and joins (with the draw's index: polls find drawn places in its
 * chunks, nothing is written per drawn token). Every part is safe when rounds overlap (EventBridge and
 * Lambda deliver at least once). What to do at each step is decided by {@link RoundDecisions} from
 * what was read; this class does the reads and writes around those decisions.
 */
@Singleton
public final class QueueRound implements MaintenanceStep {
  /** What one round did for one concert. */
  public record Report(SaleState saleState, long placed, long ended, long admitted) {}

  private final SaleSnapshots sales;
  private final SaleTermsStore saleTerms;
  private final PlaceArrivals placement;
  private final AdmitWaitingUsers admission;
  private final AdmissionStore store;
  private final Clock clock;
  private final Settings settings;
  private final QueueRoundMetrics metrics;
  private final FanOut fanOut;
  /** The version this instance last published, per concert: an idle queue is not written again. */
  private final Map<String, Long> published = new ConcurrentHashMap<>();
  /** Per concert seen before its opening, its pre-queue's cut-off: the round that draws is due then. */
  private final Map<String, Instant> cutOffs = new ConcurrentHashMap<>();

  @Inject
  QueueRound(SaleSnapshots sales, SaleTermsStore saleTerms,
      PlaceArrivals placement, AdmitWaitingUsers admission, AdmissionStore store, Clock clock, Settings settings,
      QueueRoundMetrics metrics, FanOut fanOut) {
    this.sales = sales;
    this.saleTerms = saleTerms;
    this.placement = placement;
    this.admission = admission;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
    this.fanOut = fanOut;
  }

  @Override
  public String name() {
    return "queue-round";
  }

  @Override
  public Optional<Instant> roundDueAfter(Instant after) {
    cutOffs.values().removeIf(cutOff -> !cutOff.isAfter(after));
    return cutOffs.values().stream().min(Instant::compareTo);
  }

  @Override
  public Map<String, Long> runFor(String concertId) {
    Report report = run(concertId);
    return Map.of("placesHandedOut", report.placed(), "sessionsEnded", report.ended(), "usersAdmitted", report.admitted());
  }

  /**
   * One round for one concert. Each part runs even if an earlier one failed (storage throttled
   * for admission must not hold up placement, nor keep the shared state from showing what did
   * happen); the first failure is thrown at the end, so the round still counts as failed.
   */
  public Report run(String concertId) {
    Start start = start(concertId);
    SaleNow sale = start.sale();
    RoundDecisions.cutOff(sale).ifPresent(cutOff -> cutOffs.put(concertId, cutOff));
    RuntimeException failure = null;
    long placed = 0;
    long ended = 0;
    long admitted = 0;
    // The counters as the round last read or wrote them; null once a part may have changed them
    // (then the next part reads them again). An idle round reads them once.
    QueueCounters counters = start.counters();
    long head = 0;
    try {
      // At the pre-queue's cut-off, its head first: nothing proportional to the pre-queue lies
      // on the way to the first admission; the draw is written and frozen after, starting with it.
      if (RoundDecisions.admitsDrawHeadFirst(sale, counters)) {
        head = admission.admitDrawHead(concertId, sale, counters);
        counters = head > 0 ? null : counters;
      }
    } catch (RuntimeException e) {
      failure = e;
      counters = null;
    }
    try {
      PlaceArrivals.Placement placement = this.placement.place(concertId, sale, counters(concertId, counters));
      placed = placement.placed();
      counters = placement.countersWritten() ? null : counters;
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
      counters = null;
    }
    try {
      QueueCounters before = counters(concertId, counters);
      ended = admission.endFinishedSessions(concertId, sale, before);
      before = ended > 0 ? store.counters(concertId) : before;
      admitted = head + admission.admit(concertId, sale, before);
      counters = RoundDecisions.admissionWrote(admitted > head, before, sale) ? null : before;
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
      counters = null;
    }
    QueueCounters after = null;
    try {
      after = counters(concertId, counters);
      publish(after, sale);
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    Report report = new Report(sale.state(), placed, ended, admitted);
    metrics.report(concertId, report, after);
    if (failure != null) {
      throw failure;
    }
    return report;
  }

  /** What a round starts from: the sale as of now, and the counters as they are after recording it. */
  private record Start(SaleNow sale, QueueCounters counters) {}

  /** The counters the round holds, or read again when a part may have changed them. */
  private QueueCounters counters(String concertId, QueueCounters known) {
    return known != null ? known : store.counters(concertId);
  }

  /**
   * The sale as of now, recorded on the queue and on the concert when it changed (docs/api.md:
   * within a round). Its reads go side by side (the sale's snapshot and the counters), and so do
   * its two records; the counters are those the compare-and-set returned, not read again.
   */
  private Start start(String concertId) {
    SaleSnapshots.With<QueueCounters> read = sales.readWith(concertId, () -> store.counters(concertId));
    SaleSnapshot snapshot = read.sale();
    QueueCounters counters = read.alongside();
    RoundDecisions.StateRecords records = RoundDecisions.stateRecords(snapshot, counters);
    SaleState state = records.state();
    if (records.any()) {
      QueueCounters before = counters;
      List<Supplier<Optional<QueueCounters>>> writes = new ArrayList<>();
      if (records.onCounters()) {
        writes.add(() -> store.recordSaleState(concertId, before.saleState(), state, snapshot.at()));
      }
      if (records.onConcert()) {
        writes.add(() -> {
          saleTerms.recordState(concertId, state);
          return Optional.empty();
        });
      }
      Optional<QueueCounters> recorded = fanOut.map(writes, Supplier::get).get(0);
      if (records.onCounters()) {
        if (recorded.isPresent()) {
          // Only the round whose compare-and-set wins counts the change: overlapping rounds see it once.
          metrics.saleStateChanged(concertId, state);
          counters = recorded.get();
        } else {
          counters = store.counters(concertId);
        }
      }
    }
    return new Start(snapshot.forRound(counters.closedBefore(), settings.queueMaxActive()), counters);
  }

  private void publish(QueueCounters now, SaleNow sale) {
    String concertId = now.concertId();
    long version = RoundDecisions.version(now, sale);
    if (!RoundDecisions.needsPublishing(version, Optional.ofNullable(published.get(concertId)))) {
      return;
    }
    store.publish(RoundDecisions.published(now, sale, Instants.now(clock)));
    published.put(concertId, version);
  }
}
