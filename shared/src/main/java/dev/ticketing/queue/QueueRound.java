package dev.ticketing.queue;

import dev.ticketing.domain.Instants;
import dev.ticketing.catalog.SaleState;
import dev.ticketing.catalog.SaleTerms;
import dev.ticketing.catalog.SaleTermsStore;
import dev.ticketing.catalog.SeatInventory;
import dev.ticketing.config.Settings;
import dev.ticketing.maintenance.MaintenanceStep;
import dev.ticketing.sale.SaleControl;
import dev.ticketing.sale.SaleControlStore;
import dev.ticketing.sale.SaleStateRule;
import dev.ticketing.sale.SeatSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Maintenance step, per concert: derive the sale's state from the clock, the seats and the
 * operators' settings; place the new arrivals (at the opening, the pre-queue by the draw); end the
 * sessions that are over; admit into the free slots while the sale is OPEN; then publish the
 * queue's shared state for polls and joins (with the draw's index: polls find drawn places in its
 * chunks, nothing is written per drawn token). Every part is safe when rounds overlap (EventBridge and
 * Lambda deliver at least once).
 */
@Singleton
public final class QueueRound implements MaintenanceStep {
  /** What one round did for one concert. */
  public record Report(SaleState saleState, long placed, long ended, long admitted) {}

  private final SaleTermsStore saleTerms;
  private final SaleControlStore controls;
  private final SeatInventory seats;
  private final PlaceArrivals placement;
  private final AdmitWaitingUsers admission;
  private final AdmissionStore store;
  private final Clock clock;
  private final Settings settings;
  private final QueueRoundMetrics metrics;
  /** The version this instance last published, per concert: an idle queue is not written again. */
  private final Map<String, Long> published = new ConcurrentHashMap<>();
  /** Per concert seen before its opening, its pre-queue's cut-off: the round that draws is due then. */
  private final Map<String, Instant> cutOffs = new ConcurrentHashMap<>();

  @Inject
  QueueRound(SaleTermsStore saleTerms, SaleControlStore controls, SeatInventory seats,
      PlaceArrivals placement, AdmitWaitingUsers admission, AdmissionStore store, Clock clock, Settings settings,
      QueueRoundMetrics metrics) {
    this.saleTerms = saleTerms;
    this.controls = controls;
    this.seats = seats;
    this.placement = placement;
    this.admission = admission;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
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
    SaleNow sale = sale(concertId);
    if (sale.beforeOpening()) {
      sale.saleOpensAt().ifPresent(opening -> cutOffs.put(concertId, opening.plus(PlaceArrivals.PRE_QUEUE_CUT_OFF)));
    }
    RuntimeException failure = null;
    long placed = 0;
    long ended = 0;
    long admitted = 0;
    try {
      placed = placement.place(concertId, sale);
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      ended = admission.endFinishedSessions(concertId, sale);
      admitted = admission.admit(concertId, sale);
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    QueueCounters after = null;
    try {
      after = store.counters(concertId);
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

  /** The sale as of now, recorded on the queue and on the concert when it changed (API.md: within a round). */
  private SaleNow sale(String concertId) {
    Instant now = Instants.now(clock);
    SaleTerms terms = saleTerms.terms(concertId)
        .orElseThrow(() -> new IllegalStateException("a concert listed without its item"));
    SaleControl control = controls.control(concertId);
    SaleState state = SaleStateRule.derive(control, terms.saleOpensAt(), SeatSummary.of(seats.schedules(concertId), now), now);
    QueueCounters counters = store.counters(concertId);
    if (!counters.saleState().equals(Optional.of(state))) {
      // Only the round whose compare-and-set wins counts the change: overlapping rounds see it once.
      if (store.recordSaleState(concertId, counters.saleState(), state, now)) {
        metrics.saleStateChanged(concertId, state);
      }
      counters = store.counters(concertId);
    }
    if (terms.recordedState() != state) {
      saleTerms.recordState(concertId, state);
    }
    return new SaleNow(state, terms.saleOpensAt(), terms.seed(), terms.seedPublished(), counters.closedBefore(),
        control.maxActiveOr(settings.queueMaxActive()), control.version(), now);
  }

  private static java.util.SortedMap<Long, Integer> openParts(QueueCounters counters) {
    java.util.SortedMap<Long, Integer> parts = new java.util.TreeMap<>();
    counters.open().forEach((second, open) -> parts.put(second, open.part()));
    return parts;
  }

  private void publish(QueueCounters now, SaleNow sale) {
    String concertId = now.concertId();
    long version = now.version() + sale.controlVersion();
    if (Long.valueOf(version).equals(published.get(concertId))) {
      return;
    }
    store.publish(new QueueState(concertId, version, now.saleState().orElse(sale.state()), sale.saleOpensAt(),
        now.admitted(), now.placedThrough(), now.rangedThrough(), openParts(now), Math.max(0, now.holdingSlots()), sale.maxActive(), now.admissionsPerSecond(),
        now.closedBefore(), Instants.now(clock), now.drawIndex(), now.drawnCount().isPresent() ? 0 : now.preQueued()));
    published.put(concertId, version);
  }
}
