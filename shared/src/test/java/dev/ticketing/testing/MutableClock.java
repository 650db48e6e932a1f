package dev.ticketing.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test or a benchmark moves by hand, so time-dependent rules run without sleeping;
 * safe across threads. It stands still at the instant it was set to ({@link #at}), or runs with
 * the system clock ({@link #fromSystem}); either way {@link #advance} moves it forward at once.
 */
public final class MutableClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  private MutableClock(Clock base) {
    this.base = base;
  }

  /** Stands still at {@code start} until moved. */
  public MutableClock(Instant start) {
    this(Clock.fixed(start, ZoneOffset.UTC));
  }

  public static MutableClock at(String instant) {
    return new MutableClock(Instant.parse(instant));
  }

  /** Runs with the system clock, plus whatever it is advanced by (the benchmarks end holds and turns this way). */
  public static MutableClock fromSystem() {
    return new MutableClock(Clock.systemUTC());
  }

  public void advance(Duration by) {
    offset.updateAndGet(current -> current.plus(by));
  }

  public void set(Instant instant) {
    offset.set(Duration.between(base.instant(), instant));
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
