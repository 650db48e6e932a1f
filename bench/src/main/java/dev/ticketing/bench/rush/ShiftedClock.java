package dev.ticketing.bench.rush;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock moved by a settable amount: time runs at its real pace, so rounds, settling and
 * timings behave as they would, but the benchmark can jump to a sale's opening instead of waiting
 * for it.
 */
final class ShiftedClock extends Clock {
  private volatile Duration shift = Duration.ZERO;

  /** From now on, {@link #instant()} reads {@code at} at the wall clock's current moment. */
  void jumpTo(Instant at) {
    shift = Duration.between(Instant.now(), at);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(shift);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the benchmark's clock is UTC");
  }
}
