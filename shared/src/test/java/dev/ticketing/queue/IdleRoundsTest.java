package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.sale.SaleState;
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
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import dev.ticketing.sale.SaleNow;
import dev.ticketing.queue.state.QueueView;

/**
 * What maintenance rounds read of a queue (docs/performance.md, "idle cost"): nothing of the
 * arrivals while the sale is UPCOMING (the draw reads the pre-queue at the opening) or CLOSED
 * (joins are refused); while it is OPEN, the K counters of each second that is over, whether
 * anyone joined or a crowd did, and no index at all. A joiner after any quiet spell is placed at
 * the first round past its second's settling time, in arrival order. Counted as the requests the
 * client sends to the engine.
 */
@ExtendWith(DynamoDbExtension.class)
class IdleRoundsTest {
  private static final int SHARDS = 8;
  private static final Duration ROUND = Duration.ofSeconds(2);

  /** Requests the rounds send, by kind: gsi1 Queries by partition kind, counter reads, every request. */
  private static final class RoundRequests implements ExecutionInterceptor {
    final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      count("all");
      if (context.request() instanceof QueryRequest query && "gsi1".equals(query.indexName())) {
        for (AttributeValue value : query.expressionAttributeValues().values()) {
          if (value.s() != null && value.s().matches("(PREQUEUE|ADMITTED)#.*")) {
            count(value.s().substring(0, value.s().indexOf('#') + 1));
          }
        }
      }
      if (context.request() instanceof BatchGetItemRequest read && read.requestItems().values().stream()
          .flatMap(keys -> keys.keys().stream()).anyMatch(key -> key.get("pk").s().startsWith("QNUM#"))) {
        count("QNUM#");
      }
    }

    private void count(String kind) {
      byKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    int drain() {
      int total = byKind.entrySet().stream().filter(e -> !e.getKey().equals("all")).mapToInt(e -> e.getValue().get()).sum();
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
  void rounds_of_an_upcoming_or_closed_sale_read_no_arrivals(TestTable table) {
    RoundRequests queries = new RoundRequests();
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
    assertThat(queries.drain()).as("index Queries and counter reads of 5 rounds before the opening").isZero();

    clock.set(opening.plus(Duration.ofDays(31)));  // the only date is past: the sale is over
    for (int round = 0; round < 5; round++) {
      clock.advance(ROUND);
      assertThat(app.queueRound().run(SmallCatalog.PRE_QUEUE_CONCERT).saleState()).isEqualTo(SaleState.CLOSED);
    }
    assertThat(queries.drain()).as("index Queries and counter reads of 5 rounds of a closed sale").isZero();
  }

  @Test
  void an_open_queue_reads_its_counters_whatever_the_crowd_and_places_a_joiner_after_any_quiet_spell(TestTable table) {
    RoundRequests requests = new RoundRequests();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = app(table.through(requests), clock);
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    String concert = SmallCatalog.CONCERT;
    for (int round = 0; round < 3; round++) {  // the draw (empty), then steady idle rounds
      assertThat(app.queueRound().run(concert).saleState()).isEqualTo(SaleState.OPEN);
      clock.advance(ROUND);
    }

    requests.drain();
    for (int round = 0; round < 30; round++) {
      app.queueRound().run(concert);
      clock.advance(ROUND);
    }
    int idleCounterReads = requests.byKind.getOrDefault("QNUM#", new AtomicInteger()).get();
    assertThat(idleCounterReads).as("one BatchGetItem a round: %d counters a second, 2 seconds", SHARDS).isEqualTo(30);
    assertThat(requests.drain("PREQUEUE#") + requests.drain("ADMITTED#")).as("no index Query while idle").isZero();

    QueueView first = app.joinQueue().join("first", concert).view();
    clock.advance(Duration.ofSeconds(1));
    QueueView second = app.joinQueue().join("second", concert).view();
    clock.advance(Duration.ofSeconds(1));
    int rounds = 0;
    while (place(app, second).isEmpty()) {
      app.queueRound().run(concert);
      clock.advance(ROUND);
      rounds++;
      assertThat(rounds).as("rounds until the joiners after a quiet spell are placed").isLessThanOrEqualTo(3);
    }
    assertThat(place(app, second)).as("placed right behind the first").isPresent()
        .get().isEqualTo(place(app, first).orElseThrow() + 1);

    // A crowd costs placement nothing more: its requests when 200 joined in one second, against none.
    requests.drain();
    clock.advance(ROUND);
    assertThat(app.placeArrivals().place(concert, openSale(clock))).isZero();
    int idlePlacement = requests.drain("all");
    for (int user = 0; user < 200; user++) {
      app.joinQueue().join("crowd-" + user, concert);
    }
    clock.advance(Duration.ofSeconds(4));  // their second is over, and settled
    requests.drain();
    assertThat(app.placeArrivals().place(concert, openSale(clock))).isEqualTo(200);
    int crowdedPlacement = requests.drain("all");
    assertThat(crowdedPlacement).as("requests of placing 200, against %d of placing none", idlePlacement)
        .isEqualTo(idlePlacement);
  }

  private static SaleNow openSale(MutableClock clock) {
    return new SaleNow(SaleState.OPEN, Optional.empty(), Optional.empty(), true, Optional.empty(), 100, 0, clock.instant());
  }

  private static TestComponent app(TestTable table, MutableClock clock) {
    return TestApp.on(table, clock, Map.of("QUEUE_JOIN_SHARDS", Integer.toString(SHARDS),
        "QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
  }

  /** The place written into the token when it is admitted (the sale admits at once: its limit is far above 2). */
  private static Optional<Long> place(TestComponent app, QueueView joined) {
    return app.gateStore().token(QueueTokenId.parse(joined.token()).orElseThrow()).orElseThrow().place();
  }
}
