package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Places handed out by the scheduled placement, in batches, from the sharded index of new
 * arrivals: every token placed exactly once, none skipped, in arrival order for joins at least
 * 3 s apart, also while joins and overlapping rounds run at the same time.
 */
@ExtendWith(DynamoDbExtension.class)
class QueuePlacementTest {
  private static final String CONCERT = "winter-gala";

  private static List<Map<String, AttributeValue>> tokens(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true)
            .filterExpression("sk = :token").expressionAttributeValues(Map.of(":token", AttributeValue.fromS("TOKEN"))))
        .items().stream().toList();
  }

  @Test
  void joins_and_overlapping_rounds_at_once_place_everyone_once_in_arrival_order(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "1000", "QUEUE_JOIN_SHARDS", "8"));
    app.catalogSeeder().seed(DemoCatalog.create(clock));
    int waves = 5;
    int perWave = 40;

    AtomicBoolean joining = new AtomicBoolean(true);
    ExecutorService rounds = Executors.newFixedThreadPool(3);
    List<Future<?>> running = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      running.add(rounds.submit(() -> {
        while (joining.get()) {
          app.queueRound().run(CONCERT);
        }
        return null;
      }));
    }
    try {
      for (int wave = 0; wave < waves; wave++) {
        int w = wave;
        Concurrently.run(perWave, 8, i -> app.joinQueue().join("wave-" + w + "-" + i, CONCERT));
        clock.advance(Duration.ofSeconds(3));  // the sequencing window: waves must keep their order
      }
    } finally {
      joining.set(false);
      for (Future<?> round : running) {
        round.get(2, TimeUnit.MINUTES);
      }
      rounds.shutdownNow();
    }
    app.queueRound().run(CONCERT);

    List<Map<String, AttributeValue>> byPlace = tokens(table).stream()
        .sorted(Comparator.comparingLong(t -> Items.number(t, "place"))).toList();
    assertThat(byPlace.stream().map(t -> Items.number(t, "place")).toList())
        .as("every token placed exactly once, no gap").isEqualTo(LongStream.rangeClosed(1, waves * perWave).boxed().toList());
    assertThat(byPlace).allSatisfy(t -> assertThat(String.valueOf(Items.string(t, "gsi1pk")))
        .as("out of the index of unplaced tokens").doesNotStartWith("UNPLACED#"));
    for (int i = 1; i < byPlace.size(); i++) {
      assertThat(Items.number(byPlace.get(i), "joinedAt"))
          .as("place %d joined no earlier than place %d", i + 1, i)
          .isGreaterThanOrEqualTo(Items.number(byPlace.get(i - 1), "joinedAt"));
    }
    assertThat(app.admissionStore().counters(CONCERT).placesWrittenThrough()).isEqualTo(waves * perWave);
  }

  @Test
  void a_late_index_entry_is_placed_by_the_next_round_never_skipped(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:10Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "1", "QUEUE_JOIN_SHARDS", "4"));
    app.catalogSeeder().seed(DemoCatalog.create(clock));
    app.joinQueue().join("on-time-1", CONCERT);
    clock.advance(Duration.ofSeconds(1));
    app.joinQueue().join("on-time-2", CONCERT);
    app.queueRound().run(CONCERT);

    // A join whose index entry shows up only now, after placement passed its arrival time (an
    // eventually consistent index lagging): it arrived before the last one placed.
    clock.set(Instant.parse("2026-11-25T00:00:05Z"));
    String late = app.joinQueue().join("late", CONCERT).view().token();
    clock.set(Instant.parse("2026-11-25T00:00:20Z"));
    assertThat(app.queueRound().run(CONCERT).placed()).isEqualTo(1);

    assertThat(app.gateStore().token(QueueTokenId.parse(late).orElseThrow()).orElseThrow().place()).contains(3L);
    assertThat(app.queueRound().run(CONCERT).placed()).as("and only once").isZero();
  }

  @Test
  void arrivals_younger_than_the_settling_time_wait_for_a_later_round(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_PLACEMENT_SETTLE_SECONDS", "3", "QUEUE_JOIN_SHARDS", "4"));
    app.catalogSeeder().seed(DemoCatalog.create(clock));
    app.joinQueue().join("early", CONCERT);
    clock.advance(Duration.ofSeconds(2));
    app.joinQueue().join("late", CONCERT);

    clock.advance(Duration.ofMillis(999));  // early arrived 2.999 s ago: not settled yet
    assertThat(app.queueRound().run(CONCERT).placed()).isZero();
    clock.advance(Duration.ofMillis(1));  // 3 s: early is placed, late (1 s) is not
    assertThat(app.queueRound().run(CONCERT).placed()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(app.queueRound().run(CONCERT).placed()).isEqualTo(1);
    assertThat(app.admissionStore().counters(CONCERT).placedThrough()).isEqualTo(2);
  }

  @Test
  void a_join_stores_its_token_within_the_settling_time_or_counts_as_arriving_when_it_writes(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    AtomicReference<Duration> slowRead = new AtomicReference<>(Duration.ZERO);
    List<Optional<Duration>> writeTimeouts = new CopyOnWriteArrayList<>();
    ExecutionInterceptor storage = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetItemRequest get && get.key().get("pk").s().startsWith("USER#")) {
          clock.advance(slowRead.get());  // the pointer's read, throttled and retried for this long
        }
        if (context.request() instanceof TransactWriteItemsRequest write) {
          writeTimeouts.add(write.overrideConfiguration().flatMap(o -> o.apiCallTimeout()));
        }
      }
    };
    TestComponent app = TestApp.on(table.through(storage), clock,
        Map.of("QUEUE_PLACEMENT_SETTLE_SECONDS", "3", "QUEUE_JOIN_SHARDS", "4"));
    app.catalogSeeder().seed(DemoCatalog.create(clock));
    Instant start = clock.instant();

    slowRead.set(Duration.ofMillis(400));
    String quick = app.joinQueue().join("quick", CONCERT).view().token();
    slowRead.set(Duration.ofMillis(1600));
    String slow = app.joinQueue().join("slow", CONCERT).view().token();

    assertThat(joinedAt(app, quick)).as("stored in time: its arrival stands").isEqualTo(start);
    assertThat(joinedAt(app, slow)).as("its write could no longer make the window: it arrives when it writes")
        .isEqualTo(start.plusMillis(400 + 1600));
    assertThat(writeTimeouts).as("each write is given up when the window (3 s, less 0.5 s) closes")
        .containsExactly(Optional.of(Duration.ofMillis(2100)), Optional.of(Duration.ofMillis(2500)));
  }

  private static Instant joinedAt(TestComponent app, String token) {
    return app.gateStore().token(QueueTokenId.parse(token).orElseThrow()).orElseThrow().joinedAt();
  }

  @Test
  void a_round_cut_short_places_the_earliest_arrivals_of_all_shards(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_JOIN_SHARDS", "2"));
    app.catalogSeeder().seed(DemoCatalog.create(clock));
    List<Instant> joinedAt = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      app.joinQueue().join("fan-" + i, CONCERT);
      joinedAt.add(clock.instant());
      clock.advance(Duration.ofMillis(10));
    }

    List<Arrival.Unplaced> first = app.placementStore().unplaced(CONCERT, Optional.empty(), clock.instant(), 150);

    assertThat(first).hasSize(150);
    assertThat(first.stream().map(u -> u.arrival().joinedAt()).toList())
        .as("the 150 earliest of both shards, in order").isEqualTo(joinedAt.subList(0, 150));
  }
}
