package dev.ticketing.queue.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.inject.Inject;

/**
 * When a client should ask for its status again ({@code pollAfterSeconds}, docs/api.md, "Queue"): near
 * the front every few seconds, far back rarely, and never all at the same moment. Polls are most
 * of a rush's requests, so pacing them is what keeps a million waiting users affordable.
 */
public final class PollPacing {
  static final int MIN = 1;
  static final int MAX = 60;
  /** Near the front, and while the place is being handed out. */
  static final int SOON = 2;
  private static final int FAR_MIN = 5;
  private static final int BEFORE_OPENING_SPREAD = 10;

  private final RandomGenerator random;

  @Inject
  public PollPacing(RandomGenerator random) {
    this.random = random;
  }

  /**
   * @param position null while the token has no place
   * @param estimatedWaitSeconds null exactly when {@code position} is
   */
  public int pollAfterSeconds(Long position, Long estimatedWaitSeconds, QueueState state, Instant now) {
    // By the clock, not the state: a pre-queue whose sale is PAUSED (or CLOSED) before its opening
    // has nothing to learn before then either, and polling every 2 s would be 30 times the load.
    Optional<Instant> opening = state.saleOpensAt().filter(now::isBefore);
    if (opening.isPresent()) {
      // The pre-queue's polls spread over the first seconds of the sale.
      long untilOpening = (long) Math.ceil(Duration.between(now, opening.get()).toMillis() / 1000.0);
      return clamp(untilOpening + random.nextLong(BEFORE_OPENING_SPREAD + 1));
    }
    long base = position == null || position <= state.maxActive()
        ? SOON
        : Math.max(FAR_MIN, Math.min(MAX, (long) Math.ceil(estimatedWaitSeconds / 10.0)));
    // So that polls do not come in waves.
    return clamp(Math.round(base * random.nextDouble(0.8, 1.2)));
  }

  private static int clamp(long seconds) {
    return (int) Math.max(MIN, Math.min(MAX, seconds));
  }
}
