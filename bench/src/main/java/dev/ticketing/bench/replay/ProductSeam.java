package dev.ticketing.bench.replay;

import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.wiring.AppComponent;

/**
 * Where the rush replay calls the product in a way its API has changed since the control's
 * commit, in one place: {@code bench/control.sh} puts its twin for that commit
 * ({@code bench/control/ProductSeam.java}) in its place. Everything else the replay calls has kept
 * its shape (control.sh finds moved classes by name).
 */
final class ProductSeam {
  private ProductSeam() {}

  /** A poll of {@code token} by its owner. */
  static QueueView status(AppComponent app, String userId, String token) {
    return app.queueStatus().status(userId, QueueTokenId.parse(token));
  }
}
