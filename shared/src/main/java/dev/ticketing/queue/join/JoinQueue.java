package dev.ticketing.queue.join;

import dev.ticketing.sale.SaleState;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.state.QueueStateCache;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.queue.state.QueueViews;

/**
 * Use case: join a concert's queue. A user has one live token per concert: a repeat (a retry
 * after a lost response, or many requests at once) gets the same token back; after it has
 * expired, joining again issues a new one at the back of the queue.
 *
 * <p>A join writes only the caller's one token item for the concert, and one count on one of K
 * counters of arrivals (docs/data-model.md, "Queue"): that number is the token's place in arrival
 * order, which the scheduled placement turns into a place once the join's second is over, a few
 * seconds later, without writing to the token. Whether the concert exists comes from the queue's
 * shared state, which this instance keeps for a second.
 *
 * <p>Placement reads a second's counters {@code QUEUE_PLACEMENT_SETTLE_SECONDS} after it ends. A
 * join therefore gives its number until then (less a margin), and one too slow to start in time
 * (a throttled read, retried) counts as arriving when it takes its number: it never lands in a
 * second that placement has already counted. Its token is then stored within
 * {@link ArrivalNumber#STORED_WITHIN} of that, or the join gives up (503, safe to retry): only then
 * does admission pass over a number without a token.
 *
 * <p>A join whose request arrived before the opening enters the pre-queue, if its token is stored
 * by the pre-queue's cut-off, one second after the opening (docs/api.md); otherwise it is an arrival.
 */
public final class JoinQueue {
  /** A concurrent join of the same user can store its token first; then its token is the answer. */
  private static final int ATTEMPTS = 3;
  /** Placement reads the counters a moment after the window: clocks of other instances. */
  private static final Duration MARGIN = Duration.ofMillis(500);
  /** The pre-queue takes tokens stored until one second after the opening. */
  private static final Duration PRE_QUEUE_CUT_OFF = Duration.ofSeconds(1);
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
  /** How long after its second a join may still take a number there; none where placement does not wait. */
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
    // also decides the pre-queue (docs/api.md: by the server's clock at the request, not by a cached state).
    Instant requested = Instants.now(clock);
    Instant arrived = requested;
    QueueState state = states.state(concertId)
        .orElseThrow(() -> new Refused(Refusal.CONCERT_NOT_FOUND, "no concert " + concertId));
    Optional<QueueTokenId> tried = Optional.empty();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<JoinStore.Stored> stored = store.stored(userId, concertId);
      Optional<QueueToken> latest = stored.map(JoinStore.Stored::token);
      Instant now = Instants.now(clock);
      if (latest.isPresent() && latest.map(QueueToken::token).equals(tried)) {
        // This join's own token: its put was written by an attempt whose answer was lost.
        return created(latest.get(), state, now);
      }
      if (latest.isPresent() && isLive(latest.get(), state, now)) {
        return new Result.Existing(views.of(latest.get(), state, now));
      }
      if (stored.isPresent() && stored.get().holdsSlot()) {
        // The turn has ended but still counts against the active limit until the next round of
        // maintenance ends it (docs/api.md): the answer is the ended turn, and a join a round
        // later issues the new token. Writing over it now would keep its slot taken for good.
        return new Result.Existing(views.of(latest.get(), state, now));
      }
      if (state.saleState() == SaleState.CLOSED) {
        throw new Refused(Refusal.SALE_CLOSED, "the sale of " + concertId + " is closed",
            Map.of("saleState", state.saleState().name()));
      }
      Optional<QueueTokenId> replacing = latest.map(QueueToken::token);
      List<JoinStore.EndedTurn> earlier = stored.map(s -> endedTurns(s, state, now)).orElse(List.of());
      Optional<Instant> opening = state.saleOpensAt().filter(at -> requested.isBefore(at)
          && now.isBefore(at.plus(PRE_QUEUE_CUT_OFF).minus(SHORTEST_WRITE)));
      if (opening.isPresent()) {
        QueueToken token = QueueToken.joined(QueueTokenId.generate(concertId, userId), QueueToken.newReceiptId(), userId,
            requested, Optional.empty());
        tried = Optional.of(token.token());
        Duration untilCutOff = remainingUntil(opening.get().plus(PRE_QUEUE_CUT_OFF));
        if (store.insert(token, replacing, earlier, opening, Optional.of(untilCutOff)) == JoinStore.InsertResult.INSERTED) {
          return created(token, state, now);
        }
        continue;
      }
      if (window.isPresent() && now.isAfter(numberDeadline(arrived).minus(SHORTEST_WRITE))) {
        arrived = now;  // too slow to make its second: the request counts as arriving now
      }
      Instant arrival = arrived;
      ArrivalNumber number = store.takeNumber(concertId, arrival.getEpochSecond(),
          window.map(w -> remainingUntil(numberDeadline(arrival))));
      QueueToken token = QueueToken.joined(QueueTokenId.generate(concertId, userId), QueueToken.newReceiptId(), userId,
          arrival, Optional.of(number));
      tried = Optional.of(token.token());
      Optional<Duration> within = window.map(w -> remainingUntil(secondOver(arrival).plus(ArrivalNumber.STORED_WITHIN).minus(MARGIN)));
      if (store.insert(token, replacing, earlier, Optional.empty(), within) == JoinStore.InsertResult.INSERTED) {
        return created(token, state, now);
      }
      // A concurrent request of the same user stored its token first: read it and answer with it.
    }
    throw new IllegalStateException("could not join the queue of " + concertId + " in " + ATTEMPTS + " attempts");
  }

  /** The turns the new token's item keeps: the one it replaces, as it ended, then the newest of the earlier ones. */
  private List<JoinStore.EndedTurn> endedTurns(JoinStore.Stored stored, QueueState state, Instant now) {
    QueueToken replaced = stored.token();
    QueueToken.Status endedAs = replaced.statusAt(now, settings.admissionGrace(), state.closedBefore());
    List<JoinStore.EndedTurn> turns = new ArrayList<>();
    turns.add(new JoinStore.EndedTurn(replaced.token().secret(), replaced.receiptId(), endedAs));
    stored.earlier().stream().limit(JoinStore.KEPT_ENDED - 1).forEach(turns::add);
    return turns;
  }

  private Result created(QueueToken token, QueueState state, Instant now) {
    metrics.emit(MetricRecord.concert(token.concertId()).with(Metric.QUEUE_JOINS, 1));
    return new Result.Created(views.issued(token, state, now));
  }

  /** The time left until {@code deadline}; a deadline already passed leaves a call no time at all. */
  private Duration remainingUntil(Instant deadline) {
    Duration left = Duration.between(Instants.now(clock), deadline);
    return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
  }

  /** When placement reads the counters of the second of {@code arrival}. */
  private Instant secondOver(Instant arrival) {
    return Instant.ofEpochSecond(arrival.getEpochSecond() + 1).plus(settings.placementSettle());
  }

  /** The last moment a number may be taken in the second of {@code arrival}. */
  private Instant numberDeadline(Instant arrival) {
    return secondOver(arrival).minus(MARGIN);
  }

  private boolean isLive(QueueToken token, QueueState state, Instant now) {
    QueueToken.Status status = token.statusAt(now, settings.admissionGrace(), state.closedBefore());
    return status == QueueToken.Status.WAITING || status == QueueToken.Status.ACTIVE;
  }
}
