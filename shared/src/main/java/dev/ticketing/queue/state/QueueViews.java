package dev.ticketing.queue.state;

import dev.ticketing.config.Settings;
import java.time.Instant;
import javax.inject.Inject;
import dev.ticketing.queue.QueueToken;

/** How a stored token looks to the API, given its queue's shared state. */
public final class QueueViews {
  /** A turn that is over: nothing to poll for. */
  private static final int TERMINAL_POLL_AFTER = PollPacing.MAX;

  private final PollPacing pacing;
  private final ArrivalPlaces places;
  private final DrawPlaces drawPlaces;
  private final Settings settings;

  @Inject
  public QueueViews(PollPacing pacing, ArrivalPlaces places, DrawPlaces drawPlaces, Settings settings) {
    this.pacing = pacing;
    this.places = places;
    this.drawPlaces = drawPlaces;
    this.settings = settings;
  }

  /** A token just issued: waiting, its place not handed out yet (no range can hold a number just taken). */
  public QueueView issued(QueueToken token, QueueState state, Instant now) {
    return waiting(token, state, now, null);
  }

  public QueueView of(QueueToken token, QueueState state, Instant now) {
    QueueToken.Status status = token.statusAt(now, settings.admissionGrace(), state.closedBefore());
    String id = token.token().value();
    return switch (status) {
      case WAITING -> waiting(token, state, now, places.placeOf(token, state).or(() -> drawPlaces.placeOf(token, state))
          .map(state::positionOf).orElse(null));
      case ACTIVE -> new QueueView(id, token.receiptId(), token.concertId(), status, 0L, 0L,
          pacing.pollAfterSeconds(0L, 0L, state, now), state.saleState(), false, token.activeUntil().orElse(null));
      // A turn that ended is in no queue, the pre-queue included.
      case EXPIRED, CLOSED -> new QueueView(id, token.receiptId(), token.concertId(), status, 0L, 0L, TERMINAL_POLL_AFTER,
          state.saleState(), false, null);
    };
  }

  private QueueView waiting(QueueToken token, QueueState state, Instant now, Long position) {
    Long wait = position == null ? null : state.estimatedWaitSeconds(position, settings.activeTtl());
    return new QueueView(token.token().value(), token.receiptId(), token.concertId(), QueueToken.Status.WAITING, position,
        // A drawn token stays listed in the pre-queue's index until admitted: once it has its place it
        // is out of the pre-queue as the API means it.
        wait, pacing.pollAfterSeconds(position, wait, state, now), state.saleState(), token.inPreQueue() && position == null,
        null);
  }
}
