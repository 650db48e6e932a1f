package dev.ticketing.queue.state;

import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;

/**
 * Use case: where a token stands. One storage request, the token's own, whatever the queue's
 * length and however many poll: the queue's shared state comes from this instance's cache.
 */
public final class QueueStatus {
  private final StatusStore store;
  private final QueueStateCache states;
  private final QueueViews views;
  private final Clock clock;

  @Inject
  public QueueStatus(StatusStore store, QueueStateCache states, QueueViews views, Clock clock) {
    this.store = store;
    this.states = states;
    this.views = views;
    this.clock = clock;
  }

  /** Where the caller's token stands; {@code sent} is empty if the caller sent none, or nothing shaped like one. */
  public QueueView status(String userId, Optional<QueueTokenId> sent) {
    QueueTokenId id = sent
        .orElseThrow(() -> new Refused(Refusal.TOKEN_INVALID, "a valid queue token is required: the one joining gave you"));
    if (!id.ownedBy(userId)) {
      // Known from the token itself: another user's token is refused before anything is read.
      throw new Refused(Refusal.TOKEN_FORBIDDEN, "this queue token belongs to another user");
    }
    QueueToken token = store.polledToken(id)
        .orElseThrow(() -> new Refused(Refusal.TOKEN_INVALID, "unknown queue token"));
    if (!token.userId().equals(userId)) {
      throw new Refused(Refusal.TOKEN_FORBIDDEN, "this queue token belongs to another user");
    }
    Instant now = Instants.now(clock);
    // The token exists, so its concert does; a state not found is a concert maintenance has not reached.
    QueueState state = states.state(token.concertId())
        .orElseThrow(() -> new IllegalStateException("a token of a concert the catalogue does not know"));
    return views.of(token, state, now);
  }
}
