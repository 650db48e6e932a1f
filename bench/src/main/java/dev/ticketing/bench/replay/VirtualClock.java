package dev.ticketing.bench.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until the replay moves it: every instance of the code under test reads
 * the virtual moment of the slice being replayed, however long the embedded engine takes to serve it.
 */
final class VirtualClock extends Clock {
  private volatile long millis;

  VirtualClock(long epochMillis) {
    this.millis = epochMillis;
  }

  void set(long epochMillis) {
    millis = epochMillis;
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the replay's clock is UTC");
  }
}
