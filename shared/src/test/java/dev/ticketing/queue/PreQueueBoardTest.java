package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.sale.Operator;
import dev.ticketing.sale.SaleChange;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ticketing.queue.placement.PlaceArrivals;
import dev.ticketing.queue.state.QueueBoard;

/**
 * The queue board's {@code waiting} counts the pre-queue: before the opening, as a round counted it
 * (at most {@link PlaceArrivals#PRE_QUEUE_COUNT_EVERY} old), without the tokens a close ended; after
 * the draw, as the draw's places not admitted yet.
 */
@ExtendWith(DynamoDbExtension.class)
class PreQueueBoardTest {
  private static final String CONCERT = SmallCatalog.PRE_QUEUE_CONCERT;
  private static final int MAX_ACTIVE = 2;

  @Test
  void the_board_counts_the_pre_queue_before_and_after_the_draw(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(10));
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE)));
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    app.queueRound().run(CONCERT);
    for (int i = 0; i < 5; i++) {
      app.joinQueue().join("early-" + i, CONCERT);
    }
    assertThat(board(app, clock).waiting()).as("not counted yet").isZero();

    clock.set(opening.minus(PlaceArrivals.PRE_QUEUE_COUNT_EVERY));  // a round that counts the pre-queue
    app.queueRound().run(CONCERT);
    assertThat(board(app, clock).waiting()).as("the pre-queue, counted").isEqualTo(5);

    clock.set(opening.plus(PlaceArrivals.PRE_QUEUE_CUT_OFF));  // the cut-off: drawn, and its head admitted
    app.queueRound().run(CONCERT);
    assertThat(board(app, clock).waiting()).as("the draw's places not admitted").isEqualTo(5 - MAX_ACTIVE);
    assertThat(board(app, clock).activeUsers()).isEqualTo(MAX_ACTIVE);
  }

  @Test
  void tokens_a_close_ended_are_not_counted(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(10));
    TestComponent app = TestApp.on(table, clock, Map.of());
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    app.queueRound().run(CONCERT);
    for (int i = 0; i < 3; i++) {
      app.joinQueue().join("closed-" + i, CONCERT);
    }
    app.operateSale().apply(CONCERT, new SaleChange.Close(), new Operator("ops", "test"));
    clock.advance(Duration.ofSeconds(2));
    app.queueRound().run(CONCERT);
    app.operateSale().apply(CONCERT, new SaleChange.Reopen(), new Operator("ops", "test"));
    clock.advance(Duration.ofSeconds(2));
    app.queueRound().run(CONCERT);
    clock.advance(Duration.ofSeconds(2));
    app.joinQueue().join("after-reopen", CONCERT);

    clock.set(opening.minus(PlaceArrivals.PRE_QUEUE_COUNT_EVERY));
    app.queueRound().run(CONCERT);
    assertThat(board(app, clock).waiting()).as("only the token that joined after the reopen").isEqualTo(1);
  }

  /** The board as a poll one second later sees it (the instance's copy of the shared state is then new). */
  private static QueueBoard.Board board(TestComponent app, MutableClock clock) {
    clock.advance(Duration.ofSeconds(1));
    return app.queueBoard().show(CONCERT);
  }
}
