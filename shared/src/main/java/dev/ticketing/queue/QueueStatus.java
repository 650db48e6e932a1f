package dev.ticketing.queue;

import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case: where a token stands. One storage request whatever the queue's length, eventually
 * consistent (see {@link StatusStore#polledTokenInQueue}): polls are most of a sold seat's reads.
 */
public final class QueueStatus {
  private final StatusStore store;
  private final Clock clock;
  private final Settings settings;

  @Inject
  public QueueStatus(StatusStore store, Clock clock, Settings settings) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  public QueueView status(String userId, Optional<String> tokenHeader) {
    QueueTokenId id = tokenHeader.flatMap(QueueTokenId::parse)
        .orElseThrow(() -> new Refused(Refusal.TOKEN_INVALID, "send the X-Queue-Token you were given"));
    StatusStore.TokenInQueue current = store.polledTokenInQueue(id);
    QueueToken token = current.token()
        .orElseThrow(() -> new Refused(Refusal.TOKEN_INVALID, "unknown queue token"));
    if (!token.userId().equals(userId)) {
      throw new Refused(Refusal.TOKEN_FORBIDDEN, "this queue token belongs to another user");
    }
    return QueueViews.of(token, current.counters(), Instants.now(clock), settings.admissionGrace());
  }
}
