package dev.ticketing.sale;

import java.util.Optional;

/**
 * What operators decided about a sale, stored apart from what is derived from the clock and the
 * seats (docs/api.md): a pause, a close, and a per-concert active limit ({@code QUEUE_MAX_ACTIVE} when
 * unset). {@code version} grows with every change, which is made by compare-and-set on it.
 */
public record SaleControl(boolean paused, boolean closed, Optional<Integer> maxActive, long version) {
  public static final SaleControl DEFAULT = new SaleControl(false, false, Optional.empty(), 0);

  public int maxActiveOr(int fallback) {
    return maxActive.orElse(fallback);
  }

  public SaleControl paused(boolean value) {
    return new SaleControl(value, closed, maxActive, version + 1);
  }

  public SaleControl closed(boolean value) {
    return new SaleControl(paused, value, maxActive, version + 1);
  }

  public SaleControl withMaxActive(int value) {
    return new SaleControl(paused, closed, Optional.of(value), version + 1);
  }

  /** The same decisions, one version on: a change stored elsewhere (the opening) still moves it. */
  public SaleControl touched() {
    return new SaleControl(paused, closed, maxActive, version + 1);
  }
}
