package dev.ticketing.queue;

import dev.ticketing.catalog.SaleState;
import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case: join a concert's queue. A user has one live token per concert: a repeat (a retry
 * after a lost response, or many requests at once) gets the same token back; after it has
 * expired, joining again issues a new one at the back of the queue.
 *
 * <p>A join writes only items keyed by the caller and the new token (DESIGN.md, "Rush scale"):
 * the token has no place yet; the scheduled placement hands places out in batches, in arrival
 * order, a few seconds later. Whether the concert exists comes from the queue's shared state,
 * which this instance keeps for a second.
 *
 * <p>Placement takes arrivals {@code QUEUE_PLACEMENT_SETTLE_SECONDS} old, so places keep arrival
 * order only for tokens stored within that window of their arrival. A join therefore gives its
 * write until the window closes (less a margin), and one too slow to start its write in time
 * (a throttled read, retried) counts as arriving when it writes: it never lands behind a
 * placement that has already passed its arrival.
 */
public final class JoinQueue {
  /** A concurrent join of the same user can win the pointer; then its token is the answer. */
  private static final int ATTEMPTS = 3;
  /** Placement reads the index a moment after the window: index propagation, clocks of other instances. */
  private static final Duration MARGIN = Duration.ofMillis(500);
  /** A write given less time than this would mostly be given up: the join takes a new arrival instead. */
  private static final Duration SHORTEST_WRITE = Duration.ofSeconds(1);

  public sealed interface Result permits Result.Created, Result.Existing {
    QueueView view();

    record Created(QueueView view) implements Result {}

    record Existing(QueueView view) implements Result {}
  }

  private final JoinStore store;
  private final QueueStateCache states;
  private final QueueViews views;
  private final Clock clock;
  private final Settings settings;
  private final Metrics metrics;
  /** How long after its arrival a token may still reach the index; none where placement does not wait. */
  private final Optional<Duration> window;

  @Inject
  public JoinQueue(JoinStore store, QueueStateCache states, QueueViews views, Clock clock, Settings settings,
      Metrics metrics) {
    this.store = store;
    this.states = states;
    this.views = views;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
    Duration settle = settings.placementSettle();
    this.window = settle.compareTo(MARGIN.plus(SHORTEST_WRITE)) >= 0 ? Optional.of(settle.minus(MARGIN)) : Optional.empty();
  }

  public Result join(String userId, String concertId) {
    // Arrival is when the request arrived, before any storage call that throttling may slow; it
    // also decides the pre-queue (API.md: by the server's clock at the request, not by a cached state).
    Instant requested = Instants.now(clock);
    Instant arrived = requested;
    QueueState state = states.state(concertId)
        .orElseThrow(() -> new Refused(Refusal.CONCERT_NOT_FOUND, "no concert " + concertId));
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<QueueToken> latest = store.latestToken(userId, concertId);
      Instant now = Instants.now(clock);
      if (latest.isPresent() && isLive(latest.get(), state, now)) {
        return new Result.Existing(views.of(latest.get(), state, now));
      }
      if (state.saleState() == SaleState.CLOSED) {
        throw new Refused(Refusal.SALE_CLOSED, "the sale of " + concertId + " is closed",
            Map.of("saleState", state.saleState().name()));
      }
      Optional<Instant> preQueueUntil = state.isBeforeOpening(requested) ? state.saleOpensAt() : Optional.empty();
      if (window.isPresent() && now.isAfter(arrived.plus(window.get()).minus(SHORTEST_WRITE))) {
        arrived = now;  // too slow to make its window: the request counts as arriving now
      }
      QueueToken token = QueueToken.joined(QueueTokenId.generate(concertId), QueueToken.newReceiptId(), userId, arrived,
          preQueueUntil.isPresent());
      Optional<Duration> within = window.map(w -> Duration.between(now, token.joinedAt().plus(w)));
      if (store.insert(token, latest.map(QueueToken::token), preQueueUntil, within) == JoinStore.InsertResult.INSERTED) {
        metrics.emit(MetricRecord.concert(concertId).with(Metric.QUEUE_JOINS, 1));
        return new Result.Created(views.of(token, state, now));
      }
      // A concurrent request of the same user stored its token first: read it and answer with it.
    }
    throw new IllegalStateException("could not join the queue of " + concertId + " in " + ATTEMPTS + " attempts");
  }

  private boolean isLive(QueueToken token, QueueState state, Instant now) {
    QueueToken.Status status = token.statusAt(now, settings.admissionGrace(), state.closedBefore());
    return status == QueueToken.Status.WAITING || status == QueueToken.Status.ACTIVE;
  }
}
