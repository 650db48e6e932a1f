package dev.ticketing.bench.rush;

/**
 * Capacity units of one partition: refilled at {@code perSecond}, holding at most one second of
 * burst. A request is let through while the bucket holds at least what it is expected to consume
 * (or a whole second's worth, for one larger than that); its true consumption, known from the
 * response, is settled afterwards and may leave the bucket in debt, paid by the refill.
 * Not thread-safe: {@link ScaledThrottle} holds its lock around every use.
 */
final class TokenBucket {
  private final double perSecond;
  private double tokens;
  private long refilledAt;

  TokenBucket(double perSecond, long nowNanos) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
    this.refilledAt = nowNanos;
  }

  double available(long nowNanos) {
    tokens = Math.min(perSecond, tokens + (nowNanos - refilledAt) / 1e9 * perSecond);
    refilledAt = nowNanos;
    return tokens;
  }

  /** Whether {@code units} more fit, after {@code pending} units already promised to this request. */
  boolean admits(double pending, double units, long nowNanos) {
    return available(nowNanos) - pending >= Math.min(units, perSecond);
  }

  void take(double units) {
    tokens -= units;
  }
}
