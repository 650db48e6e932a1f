package dev.ticketing.bench.replay;

import dev.ticketing.queue.QueueView;
import dev.ticketing.wiring.AppComponent;
import java.util.Optional;

/**
 * The replay's seam as the control's commit needs it (bench/control.sh copies it over
 * bench/src/main/java/dev/ticketing/bench/replay/ProductSeam.java there): its poll took the
 * token's header value.
 */
final class ProductSeam {
  private ProductSeam() {}

  /** A poll of {@code token} by its owner. */
  static QueueView status(AppComponent app, String userId, String token) {
    return app.queueStatus().status(userId, Optional.of(token));
  }
}
