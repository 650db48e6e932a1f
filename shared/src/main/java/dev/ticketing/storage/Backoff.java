package dev.ticketing.storage;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter, and a bound on calls: the pause before retry
 * {@code n} is uniformly random between zero and {@code min(cap, base * 2^(n-1))}, so callers
 * throttled or contended together do not come back together, and a key that stays throttled
 * ends in a {@link StorageUnavailableException} instead of a loop that runs until the function's
 * timeout.
 */
public record Backoff(Duration base, Duration cap, int maxCalls, Sleeper sleeper, DoubleSupplier jitter) {

  /** Waits; tests pass one that records instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration pause);
  }

  public static final Sleeper PARK = pause -> LockSupport.parkNanos(pause.toNanos());

  /**
   * Unprocessed keys of a batch read: at most 6 calls per chunk, after pauses of up to 50, 100,
   * 200, 400 and 800 ms (1.55 s at worst, half that on average), well inside the client's 8 s
   * call timeout and the function's 10 s. The jitter comes from {@code random}, the instance's
   * own source: instances restored from one SnapStart snapshot must not pause in step.
   */
  public static Backoff unprocessedKeys(RandomGenerator random) {
    return new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), 6, PARK, random::nextDouble);
  }

  /**
   * A write that met another transaction on its items: at most 6 attempts, after pauses of up to
   * 20, 40, 80, 160 and 320 ms. A conflicting transaction commits or is cancelled within
   * milliseconds, so a short pause usually suffices; six attempts stay well inside the call
   * timeout. The jitter comes from {@code random}, as for {@link #unprocessedKeys}.
   */
  public static Backoff transactionConflicts(RandomGenerator random) {
    return new Backoff(Duration.ofMillis(20), Duration.ofMillis(320), 6, PARK, random::nextDouble);
  }

  public Backoff {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxCalls < 1) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap and at least one call");
    }
  }

  public Backoff withSleeper(Sleeper other, DoubleSupplier otherJitter) {
    return new Backoff(base, cap, maxCalls, other, otherJitter);
  }

  /** The most a pause before retry {@code retry} (1, 2, ...) may last. */
  public Duration ceiling(int retry) {
    int doublings = Math.min(retry - 1, 30);
    long nanos = base.toNanos() << doublings;
    return nanos <= 0 || nanos > cap.toNanos() ? cap : Duration.ofNanos(nanos);
  }

  /** Pauses before retry {@code retry}: a random part of its ceiling. */
  public void pauseBefore(int retry) {
    sleeper.sleep(Duration.ofNanos((long) (ceiling(retry).toNanos() * jitter.getAsDouble())));
  }
}
