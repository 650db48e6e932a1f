package dev.ticketing.queue.gate;

import java.time.Instant;
import java.util.Optional;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;

/** What the gate of every gated request reads and writes: the caller's token, and its first use. */
public interface GateStore {

  /** The token, read consistently. One request. */
  Optional<QueueToken> token(QueueTokenId id);

  /**
   * Records the first gated use of an ACTIVE token, once. False if the token is no longer
   * usable at {@code now} (expired, ended, or past its grace without use).
   */
  boolean recordFirstUse(QueueTokenId id, Instant now, Instant graceDeadline);
}
