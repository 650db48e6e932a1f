package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ticketing.queue.placement.PlaceArrivals;
import dev.ticketing.queue.state.QueueBoard;

/**
 * The queue board's {@code waiting} counts the pre-queue: before the opening, as a round counted it
 * from the pre-queue's counters (at most {@link PlaceArrivals#PRE_QUEUE_COUNT_EVERY} old, a fixed
 * number of reads whatever the crowd), without the tokens a close ended; after the draw, as the
 * draw's places not admitted yet.
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
    CloseAndReopen.run(app, clock, CONCERT);
    app.joinQueue().join("after-reopen", CONCERT);

    clock.set(opening.minus(PlaceArrivals.PRE_QUEUE_COUNT_EVERY));
    app.queueRound().run(CONCERT);
    assertThat(board(app, clock).waiting()).as("only the token that joined after the reopen").isEqualTo(1);
  }

  /**
   * The count is the sum of the pre-queue's counters (a join counts itself before storing its
   * token): a round that counts 300 sends the same requests as one that counts 10, and Queries no
   * index.
   */
  @Test
  void counting_the_pre_queue_costs_the_same_requests_with_10_and_with_300_joined(TestTable table) {
    RoundRequests requests = new RoundRequests();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(10));
    TestComponent app = TestApp.on(table.through(requests), clock, Map.of());
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    clock.advance(Duration.ofSeconds(3));  // off the counting grid
    app.queueRound().run(CONCERT);
    for (int i = 0; i < 10; i++) {
      app.joinQueue().join("first-" + i, CONCERT);
    }
    clock.set(opening.minus(PlaceArrivals.PRE_QUEUE_COUNT_EVERY.multipliedBy(2)));
    requests.byKind.clear();
    app.queueRound().run(CONCERT);
    Map<String, Integer> countingTen = requests.drain();
    assertThat(board(app, clock).waiting()).isEqualTo(10);

    for (int i = 0; i < 290; i++) {
      app.joinQueue().join("then-" + i, CONCERT);
    }
    clock.set(opening.minus(PlaceArrivals.PRE_QUEUE_COUNT_EVERY));
    requests.byKind.clear();
    app.queueRound().run(CONCERT);
    Map<String, Integer> countingThreeHundred = requests.drain();
    assertThat(board(app, clock).waiting()).isEqualTo(300);

    assertThat(countingTen).as("requests of a round counting 10").containsEntry("BatchGetItem QPRE#", 1)
        .doesNotContainKey("Query gsi1");
    assertThat(countingThreeHundred).as("requests of a round counting 300, against 10's").isEqualTo(countingTen);
  }

  /** Every request a round sends, by operation (a BatchGetItem of the pre-queue's counters, and gsi1 Queries, by name). */
  private static final class RoundRequests implements ExecutionInterceptor {
    final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      SdkRequest request = context.request();
      String kind = request.getClass().getSimpleName().replace("Request", "");
      if (request instanceof QueryRequest query && "gsi1".equals(query.indexName())) {
        kind = "Query gsi1";
      } else if (request instanceof BatchGetItemRequest read && read.requestItems().values().stream()
          .flatMap(keys -> keys.keys().stream()).allMatch(key -> key.get("pk").s().startsWith("QPRE#"))) {
        kind = "BatchGetItem QPRE#";
      }
      byKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    Map<String, Integer> drain() {
      Map<String, Integer> counted = new TreeMap<>();
      byKind.forEach((kind, count) -> counted.put(kind, count.get()));
      byKind.clear();
      return counted;
    }
  }

  /** The board as a poll one second later sees it (the instance's copy of the shared state is then new). */
  private static QueueBoard.Board board(TestComponent app, MutableClock clock) {
    clock.advance(Duration.ofSeconds(1));
    return app.queueBoard().show(CONCERT);
  }
}
