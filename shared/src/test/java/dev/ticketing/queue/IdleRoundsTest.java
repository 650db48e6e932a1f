package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.SaleState;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * What maintenance rounds read of a queue nobody is using (docs/performance.md, "idle cost"):
 * no index Query at all while the sale is UPCOMING (the draw reads the pre-queue at the opening)
 * or CLOSED (joins are refused), and for an OPEN queue that found no arrival for
 * {@link PlaceArrivals#IDLE_AFTER} rounds, the shards of new arrivals only every
 * {@link PlaceArrivals#IDLE_EVERY}th round; a joiner is then still placed within that many
 * rounds, and in arrival order. Counted as the Queries the client sends to the engine.
 */
@ExtendWith(DynamoDbExtension.class)
class IdleRoundsTest {
  private static final int SHARDS = 8;
  private static final Duration ROUND = Duration.ofSeconds(2);

  /** Queries of gsi1, by the kind of index partition they read (UNPLACED#, PREQUEUE#, ADMITTED#). */
  private static final class IndexQueries implements ExecutionInterceptor {
    final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (context.request() instanceof QueryRequest query && "gsi1".equals(query.indexName())) {
        for (AttributeValue value : query.expressionAttributeValues().values()) {
          if (value.s() != null && value.s().matches("(UNPLACED|PREQUEUE|ADMITTED)#.*")) {
            byKind.computeIfAbsent(value.s().substring(0, value.s().indexOf('#') + 1), k -> new AtomicInteger()).incrementAndGet();
          }
        }
      }
    }

    int drain() {
      int total = byKind.values().stream().mapToInt(AtomicInteger::get).sum();
      byKind.clear();
      return total;
    }

    int drain(String kind) {
      int counted = Optional.ofNullable(byKind.get(kind)).map(AtomicInteger::get).orElse(0);
      byKind.clear();
      return counted;
    }
  }

  @Test
  void rounds_of_an_upcoming_or_closed_sale_send_no_index_query(TestTable table) {
    IndexQueries queries = new IndexQueries();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(30));
    TestComponent app = app(table.through(queries), clock);
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    app.queueRound().run(SmallCatalog.PRE_QUEUE_CONCERT);
    app.joinQueue().join("early", SmallCatalog.PRE_QUEUE_CONCERT);
    queries.drain();

    for (int round = 0; round < 5; round++) {
      clock.advance(ROUND);
      assertThat(app.queueRound().run(SmallCatalog.PRE_QUEUE_CONCERT).saleState()).isEqualTo(SaleState.UPCOMING);
    }
    assertThat(queries.drain()).as("index Queries of 5 rounds before the opening").isZero();

    clock.set(opening.plus(Duration.ofDays(31)));  // the only date is past: the sale is over
    for (int round = 0; round < 5; round++) {
      clock.advance(ROUND);
      assertThat(app.queueRound().run(SmallCatalog.PRE_QUEUE_CONCERT).saleState()).isEqualTo(SaleState.CLOSED);
    }
    assertThat(queries.drain()).as("index Queries of 5 rounds of a closed sale").isZero();
  }

  @Test
  void an_idle_open_queue_is_read_every_few_rounds_and_a_joiner_is_still_placed_soon_in_order(TestTable table) {
    IndexQueries queries = new IndexQueries();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = app(table.through(queries), clock);
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    String concert = SmallCatalog.CONCERT;

    for (int round = 0; round < PlaceArrivals.IDLE_AFTER; round++) {
      assertThat(app.queueRound().run(concert).saleState()).isEqualTo(SaleState.OPEN);
      clock.advance(ROUND);
    }
    assertThat(queries.drain("UNPLACED#")).as("eager while the queue may be in use")
        .isEqualTo(PlaceArrivals.IDLE_AFTER * SHARDS);
    for (int round = 0; round < 2 * PlaceArrivals.IDLE_EVERY; round++) {
      app.queueRound().run(concert);
      clock.advance(ROUND);
    }
    assertThat(queries.drain()).as("index Queries of %d idle rounds", 2 * PlaceArrivals.IDLE_EVERY).isEqualTo(2 * SHARDS);
    app.queueRound().run(concert);  // an idle round that reads the index: the next IDLE_EVERY - 1 do not
    assertThat(queries.drain("UNPLACED#")).isEqualTo(SHARDS);

    QueueView first = app.joinQueue().join("first", concert).view();
    clock.advance(Duration.ofSeconds(3));
    QueueView second = app.joinQueue().join("second", concert).view();
    int rounds = 0;
    while (place(app, first).isEmpty()) {
      clock.advance(ROUND);
      app.queueRound().run(concert);
      rounds++;
      assertThat(rounds).as("rounds until the first joiner after a quiet spell is placed")
          .isLessThanOrEqualTo(PlaceArrivals.IDLE_EVERY);
    }
    assertThat(rounds).as("the idle rounds between two reads of the index did not read it").isEqualTo(PlaceArrivals.IDLE_EVERY);
    queries.drain();
    clock.advance(Duration.ofSeconds(4));  // past the second's settling time
    app.queueRound().run(concert);
    assertThat(queries.drain("UNPLACED#")).as("eager again once someone joined").isEqualTo(SHARDS);
    assertThat(place(app, second)).as("placed right behind the first").isPresent()
        .get().isEqualTo(place(app, first).orElseThrow() + 1);
  }

  private static TestComponent app(TestTable table, MutableClock clock) {
    return TestApp.on(table, clock, Map.of("QUEUE_JOIN_SHARDS", Integer.toString(SHARDS),
        "QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
  }

  private static Optional<Long> place(TestComponent app, QueueView joined) {
    return app.gateStore().token(QueueTokenId.parse(joined.token()).orElseThrow()).orElseThrow().place();
  }
}
