package dev.ticketing.queue.gate;

import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.state.QueueStateCache;

/**
 * The gate every gated endpoint passes: the caller's own ACTIVE token for the concert, or a
 * 401/403 as docs/api.md says. One consistent read, plus one conditional write the first time an
 * admitted token is used (which keeps its slot past the admission grace).
 */
public final class QueueGate {
  private final GateStore store;
  private final QueueStateCache states;
  private final Clock clock;
  private final Settings settings;

  @Inject
  public QueueGate(GateStore store, QueueStateCache states, Clock clock, Settings settings) {
    this.store = store;
    this.states = states;
    this.clock = clock;
    this.settings = settings;
  }

  public ActiveSession admit(String userId, String concertId, Optional<String> tokenHeader) {
    return admit(userId, concertId, tokenOf(tokenHeader));
  }

  /** The gate for a token already parsed ({@link #tokenOf}): reads it, then judges it. */
  public ActiveSession admit(String userId, String concertId, QueueTokenId id) {
    requireOwn(userId, concertId, id);
    return admit(userId, concertId, id, store.token(id));
  }

  /**
   * The refusal of another user's or another concert's token, from the token alone (its owner
   * hash and concert): no storage is read for it.
   */
  public void requireOwn(String userId, String concertId, QueueTokenId id) {
    if (!id.ownedBy(userId)) {
      throw new Refused(Refusal.TOKEN_FORBIDDEN, "this queue token belongs to another user");
    }
    if (!id.concertId().equals(concertId)) {
      throw new Refused(Refusal.TOKEN_FORBIDDEN, "this queue token is for another concert");
    }
  }

  /** The token a header names, or the refusal of a missing or malformed one. Reads nothing. */
  public QueueTokenId tokenOf(Optional<String> tokenHeader) {
    return tokenHeader.flatMap(QueueTokenId::parse)
        .orElseThrow(() -> new Refused(Refusal.TOKEN_INVALID, "send the X-Queue-Token of your turn in the queue"));
  }

  /**
   * The gate for a token the caller read itself, consistently, in one request with items of its
   * own (the hold reads the caller's ticket count with it, within its request budget).
   */
  public ActiveSession admit(String userId, String concertId, QueueTokenId id, Optional<QueueToken> read) {
    requireOwn(userId, concertId, id);
    QueueToken token = read.orElseThrow(() -> new Refused(Refusal.TOKEN_INVALID, "unknown queue token"));
    if (!token.userId().equals(userId)) {
      throw new Refused(Refusal.TOKEN_FORBIDDEN, "this queue token belongs to another user");
    }
    if (!token.concertId().equals(concertId)) {
      throw new Refused(Refusal.TOKEN_FORBIDDEN, "this queue token is for another concert");
    }
    Instant now = Instants.now(clock);
    // A closed sale ends every turn (docs/api.md); the close is in the queue's shared state, at most a second late.
    Optional<Instant> closedBefore = states.state(concertId).flatMap(QueueState::closedBefore);
    switch (token.statusAt(now, settings.admissionGrace(), closedBefore)) {
      case EXPIRED -> throw new Refused(Refusal.TOKEN_EXPIRED, "your turn has ended; join the queue again");
      case CLOSED -> throw new Refused(Refusal.TOKEN_EXPIRED, "the sale has closed; your turn has ended");
      case WAITING -> throw new Refused(Refusal.TOKEN_NOT_ACTIVE, "still waiting in the queue");
      case ACTIVE -> { }
    }
    if (token.firstUsedAt().isEmpty()) {
      Instant graceDeadline = token.activatedAt().orElseThrow().plus(settings.admissionGrace());
      if (!store.recordFirstUse(id, now, graceDeadline)) {
        throw new Refused(Refusal.TOKEN_EXPIRED, "your turn has ended; join the queue again");
      }
    }
    return new ActiveSession(id.value(), userId, concertId, token.activatedAt().orElseThrow(), token.activeUntil().orElseThrow());
  }
}
