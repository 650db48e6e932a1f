package dev.ticketing.queue;

import dev.ticketing.sale.Operator;
import dev.ticketing.sale.SaleChange;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;

/**
 * An operator closes a sale before its opening and reopens it, a round running after each, then
 * two seconds pass: the pre-queue's joins until then were ended by the close, and whoever joins
 * next is the only one waiting.
 */
final class CloseAndReopen {
  private CloseAndReopen() {}

  static void run(TestComponent app, MutableClock clock, String concertId) {
    Operator operator = new Operator("ops", "test");
    app.operateSale().apply(concertId, new SaleChange.Close(), operator);
    clock.advance(Duration.ofSeconds(2));
    app.queueRound().run(concertId);
    app.operateSale().apply(concertId, new SaleChange.Reopen(), operator);
    clock.advance(Duration.ofSeconds(2));
    app.queueRound().run(concertId);
    clock.advance(Duration.ofSeconds(2));
  }
}
