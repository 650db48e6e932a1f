package dev.ticketing.queue;

import dev.ticketing.domain.Instants;
import dev.ticketing.config.Settings;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import java.time.Clock;
import java.time.Instant;
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
 */
public final class JoinQueue {
  /** A concurrent join of the same user can win the pointer; then its token is the answer. */
  private static final int ATTEMPTS = 3;

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

  @Inject
  public JoinQueue(JoinStore store, QueueStateCache states, QueueViews views, Clock clock, Settings settings,
      Metrics metrics) {
    this.store = store;
    this.states = states;
    this.views = views;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
  }

  public Result join(String userId, String concertId) {
    // Arrival is when the request arrived, before any storage call that throttling may slow.
    Instant arrived = Instants.now(clock);
    QueueState state = states.state(concertId)
        .orElseThrow(() -> new Refused(Refusal.CONCERT_NOT_FOUND, "no concert " + concertId));
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<QueueToken> latest = store.latestToken(userId, concertId);
      Instant now = Instants.now(clock);
      if (latest.isPresent() && latest.get().statusAt(now, settings.admissionGrace()) != QueueToken.Status.EXPIRED) {
        return new Result.Existing(views.of(latest.get(), state, now));
      }
      QueueToken token = QueueToken.joined(QueueTokenId.generate(concertId), QueueToken.newReceiptId(), userId, arrived);
      if (store.insert(token, latest.map(QueueToken::token)) == JoinStore.InsertResult.INSERTED) {
        metrics.emit(MetricRecord.concert(concertId).with(Metric.QUEUE_JOINS, 1));
        return new Result.Created(views.of(token, state, now));
      }
      // A concurrent request of the same user stored its token first: read it and answer with it.
    }
    throw new IllegalStateException("could not join the queue of " + concertId + " in " + ATTEMPTS + " attempts");
  }
}
