package dev.ticketing.queue.gate;

import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import javax.inject.Inject;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.state.QueueStateCache;

/**
 * The gate every gated use case passes: the caller's own ACTIVE token for the concert, or a
 * refusal saying why not (the edge maps each to its problem). One consistent read, plus one
 * conditional write the first time an admitted token is used (which keeps its slot past the
 * admission grace).
 */
public final class QueueGate {
  private final GateStore store;
  private final QueueStateCache states;
  private final Clock clock;
  private final Settings settings;

  /** A read of the caller's token, alone or together with items of the use case's own in one request. */
  public interface Read {
    /** The token, empty if there is none under its id. */
    Optional<QueueToken> token();
  }

  /** The gate passed: the caller's turn, and what the use case read with the token. */
  public record Admitted<R extends Read>(ActiveSession session, R read) {}

  private record TokenOnly(Optional<QueueToken> token) implements Read {}

  @Inject
  public QueueGate(GateStore store, QueueStateCache states, Clock clock, Settings settings) {
    this.store = store;
    this.states = states;
    this.clock = clock;
    this.settings = settings;
  }

  /** The gate of a use case that reads nothing with the token: the token alone, then the judgement. */
  public ActiveSession admit(String userId, String concertId, Optional<QueueTokenId> token) {
    return admit(userId, concertId, token, id -> new TokenOnly(store.token(id))).session();
  }

  /**
   * The gate, whole: a missing token, another user's or another concert's is refused before
   * anything is read; then {@code read} reads the token, with whatever the use case reads in the
   * same consistent request (the hold and the payment read the caller's ticket count with it,
   * within their request budgets), and the token is judged.
   */
  public <R extends Read> Admitted<R> admit(String userId, String concertId, Optional<QueueTokenId> token,
      Function<QueueTokenId, R> read) {
    QueueTokenId id = token.orElseThrow(
        () -> new Refused(Refusal.TOKEN_INVALID, "a valid queue token is required: the one the queue gave you"));
    requireOwn(userId, concertId, id);
    R found = read.apply(id);
    return new Admitted<>(judge(userId, concertId, id, found.token()), found);
  }

  /**
   * The refusal of another user's or another concert's token, from the token alone (its owner
   * hash and concert): no storage is read for it.
   */
  private static void requireOwn(String userId, String concertId, QueueTokenId id) {
    if (!id.ownedBy(userId)) {
      throw new Refused(Refusal.TOKEN_FORBIDDEN, "this queue token belongs to another user");
    }
    if (!id.concertId().equals(concertId)) {
      throw new Refused(Refusal.TOKEN_FORBIDDEN, "this queue token is for another concert");
    }
  }

  /** The judgement of a token read consistently: the caller's, the concert's, and ACTIVE now. */
  private ActiveSession judge(String userId, String concertId, QueueTokenId id, Optional<QueueToken> read) {
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
