package dev.ticketing.queue.state;

import java.util.Optional;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;

/** What a status poll reads: the caller's token and nothing else (docs/design.md, "Budgets": one request). */
public interface StatusStore {

  /**
   * The token, read eventually consistently at half the read units (it may trail an admission or
   * a payment by a moment; no gated decision rests on it). A token not found is read again
   * consistently, so a token just issued is never reported unknown.
   */
  Optional<QueueToken> polledToken(QueueTokenId id);
}
