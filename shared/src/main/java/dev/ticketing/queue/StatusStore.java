package dev.ticketing.queue;

import java.util.Optional;

/** What a status poll reads: the token and its queue's counters, in one request. */
public interface StatusStore {

  record TokenInQueue(Optional<QueueToken> token, QueueCounters counters) {}

  /**
   * The token and its queue's counters together: one request whatever the queue's length. The
   * hottest read, so eventually consistent, at half the read units, so it may trail an admission
   * or a payment by a moment (never a gated decision: the gate reads consistently). A token it
   * does not find is read again consistently, so a token just issued is never reported unknown.
   * One request whenever the token exists.
   */
  TokenInQueue polledTokenInQueue(QueueTokenId id);
}
