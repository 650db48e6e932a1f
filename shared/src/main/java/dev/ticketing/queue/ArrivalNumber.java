package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a join stands in arrival order without any write but its own: the {@code number}th token
 * (from 1) counted by {@code shard}'s counter for the second {@code bucket} (epoch seconds of the
 * join). A maintenance round turns each finished second into an {@link ArrivalRange}; the token's
 * place follows from that range alone, so no place is ever written into a waiting token.
 */
public record ArrivalNumber(long bucket, int shard, long number) {
  /**
   * A join stores its token within this long after placement counted its second, or gives up: a
   * number still without a token after that is one whose join failed, and admission passes over
   * it. Short, since admission waits for it when it reaches that number: the token's write is the
   * join's next request after its number.
   */
  public static final Duration STORED_WITHIN = Duration.ofSeconds(3);

  /** When placement counts this number's second, given the settling time. */
  public Instant counted(Duration settle) {
    return Instant.ofEpochSecond(bucket + 1).plus(settle);
  }
}
