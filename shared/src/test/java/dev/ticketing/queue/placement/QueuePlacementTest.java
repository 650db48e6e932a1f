package dev.ticketing.queue.placement;

import static org.assertj.core.api.Assertions.assertThat;
import dev.ticketing.testing.SmallCatalog;

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
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.round.QueueRound;

/**
 * Places handed out by the scheduled placement, one range per second of arrivals from the
 * counters the joins took their numbers from: every token placed exactly once, none skipped, in
 * arrival order for joins a second or more apart, also while joins and overlapping rounds run at
 * the same time, when a round runs late, and when a number never got its token.
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
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
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
    clock.advance(Duration.ofSeconds(2));  // the last wave's second is over
    app.queueRound().run(CONCERT);

    List<Map<String, AttributeValue>> byPlace = tokens(table).stream()
        .sorted(Comparator.comparingLong(t -> Items.number(t, "place"))).toList();
    assertThat(byPlace.stream().map(t -> Items.number(t, "place")).toList())
        .as("every token placed exactly once, no gap").isEqualTo(LongStream.rangeClosed(1, waves * perWave).boxed().toList());
    assertThat(byPlace).allSatisfy(t -> assertThat(Items.string(t, "status")).as("admitted, in place order").isEqualTo("ACTIVE"));
    for (int i = 1; i < byPlace.size(); i++) {
      assertThat(Items.number(byPlace.get(i), "joinedAt"))
          .as("place %d joined no earlier than place %d", i + 1, i)
          .isGreaterThanOrEqualTo(Items.number(byPlace.get(i - 1), "joinedAt"));
    }
    assertThat(app.admissionStore().counters(CONCERT).admitted()).isEqualTo(waves * perWave);
  }

  @Test
  void a_number_without_a_token_is_passed_over_only_after_its_joins_deadline_and_never_takes_a_slot(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:10Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "1", "QUEUE_JOIN_SHARDS", "1",
        "QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    app.queueRound().run(CONCERT);  // the (empty) draw: arrivals are counted from here on
    // A join that took its number and then failed (or lost to the same user's other join): no token.
    ArrivalNumber orphan = app.joinStore().takeNumber(CONCERT, clock.instant().getEpochSecond(), Optional.empty());
    String fan = app.joinQueue().join("fan", CONCERT).view().token();
    assertThat(orphan.number()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(4));  // the second is over (1 s, and 3 s to settle)
    QueueRound.Report placed = app.queueRound().run(CONCERT);
    assertThat(placed.placed()).as("both numbers have their places").isEqualTo(2);
    assertThat(placed.admitted()).as("the first place's token may still be on its way: nobody is admitted past it").isZero();

    clock.advance(ArrivalNumber.STORED_WITHIN.minusSeconds(1));
    assertThat(app.queueRound().run(CONCERT).admitted()).as("still within the join's deadline").isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(app.queueRound().run(CONCERT).admitted()).as("the number passed over, its slot free at once for the fan")
        .isEqualTo(2);
    QueueCounters counters = app.admissionStore().counters(CONCERT);
    assertThat(counters.holdingSlots()).as("the passed-over number holds no slot: the limit of 1 is the fan's").isEqualTo(1);
    assertThat(app.gateStore().token(QueueTokenId.parse(fan).orElseThrow()).orElseThrow().status())
        .isEqualTo(QueueToken.StoredStatus.ACTIVE);
  }

  @Test
  void a_late_round_places_each_second_in_order_and_records_each_second_once(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "1", "QUEUE_JOIN_SHARDS", "4",
        "QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    app.queueRound().run(CONCERT);
    List<String> tokens = new ArrayList<>();
    for (int second = 0; second < 8; second++) {  // no round runs for 8 seconds and more
      for (int fan = 0; fan < 3; fan++) {
        tokens.add(app.joinQueue().join("fan-" + second + "-" + fan, CONCERT).view().token());
      }
      clock.advance(Duration.ofSeconds(1));
    }
    // A round that read the counters and stopped before recording: nothing changed, nothing lost.
    QueueCounters before = app.admissionStore().counters(CONCERT);
    long from = before.rangedThrough().orElseThrow();
    assertThat(app.placementStore().arrivalCounts(CONCERT, from, clock.instant().getEpochSecond(), 4).values().stream()
        .mapToLong(counts -> java.util.Arrays.stream(counts).sum()).sum()).isEqualTo(24);
    assertThat(app.admissionStore().counters(CONCERT)).isEqualTo(before);

    clock.advance(Duration.ofSeconds(5));  // the late round
    QueueRound.Report late = app.queueRound().run(CONCERT);
    assertThat(late.placed()).as("every second that is over, in one round").isEqualTo(24);
    assertThat(app.placementStore().recordRanges(CONCERT, from, from + 1, before.placedThrough(), List.of(),
        new java.util.TreeMap<>()))
        .as("an overlapping round recording the same seconds again").isFalse();

    clock.advance(Duration.ofSeconds(2));  // past the instance's copy of the shared state
    QueueState state = app.queueStateCache().state(CONCERT).orElseThrow();
    List<Long> places = new ArrayList<>();
    for (String token : tokens) {
      QueueToken stored = app.gateStore().token(QueueTokenId.parse(token).orElseThrow()).orElseThrow();
      places.add(app.arrivalPlaces().placeOf(stored, state).orElseThrow());
    }
    assertThat(places).as("each place once")
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 24).boxed().toList());
    for (int second = 1; second < 8; second++) {
      long lastOfEarlier = places.subList((second - 1) * 3, second * 3).stream().mapToLong(Long::longValue).max().orElseThrow();
      long firstOfThis = places.subList(second * 3, second * 3 + 3).stream().mapToLong(Long::longValue).min().orElseThrow();
      assertThat(firstOfThis).as("second %d placed after second %d", second, second - 1).isGreaterThan(lastOfEarlier);
    }
  }

  @Test
  void a_second_is_placed_by_the_next_round_and_read_again_until_its_settling_time_is_over(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_PLACEMENT_SETTLE_SECONDS", "3", "QUEUE_JOIN_SHARDS", "4"));
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    app.queueRound().run(CONCERT);
    long second = clock.instant().getEpochSecond();
    app.joinQueue().join("early", CONCERT);
    clock.advance(Duration.ofMillis(500));
    assertThat(app.queueRound().run(CONCERT).placed()).as("the second going on, as far as it has come").isEqualTo(1);

    // A join of the same second whose number came late (a slow request): the second is still open.
    QueueCounters counters = app.admissionStore().counters(CONCERT);
    assertThat(counters.open()).containsKey(second);
    ArrivalNumber late = app.joinStore().takeNumber(CONCERT, second, Optional.empty());
    clock.advance(Duration.ofSeconds(2));
    app.joinQueue().join("next", CONCERT);
    assertThat(app.queueRound().run(CONCERT).placed()).as("the late number, as the second's next part, and next").isEqualTo(2);
    clock.advance(Duration.ofSeconds(2));  // 4.5 s after the first second began: its settling time is over
    app.queueRound().run(CONCERT);
    assertThat(app.admissionStore().counters(CONCERT).open()).as("closed: never read again").doesNotContainKey(second);
    assertThat(late.number()).isPositive();
    assertThat(app.admissionStore().counters(CONCERT).placedThrough()).isEqualTo(3);
  }

  @Test
  void a_join_takes_its_number_within_its_seconds_settling_time_or_counts_as_arriving_when_it_takes_it(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    AtomicReference<Duration> slowRead = new AtomicReference<>(Duration.ZERO);
    List<Optional<Duration>> numberTimeouts = new CopyOnWriteArrayList<>();
    List<Optional<Duration>> writeTimeouts = new CopyOnWriteArrayList<>();
    AtomicBoolean joining = new AtomicBoolean();  // the seeder writes each concert in a transaction too
    ExecutionInterceptor storage = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetItemRequest get && get.key().get("pk").s().startsWith("TOKEN#")) {
          clock.advance(slowRead.get());  // the token item's read, throttled and retried for this long
        }
        if (context.request() instanceof PutItemRequest write && joining.get()) {
          writeTimeouts.add(write.overrideConfiguration().flatMap(o -> o.apiCallTimeout()));
        }
        if (context.request() instanceof UpdateItemRequest number && number.key().get("pk").s().startsWith("QNUM#")) {
          numberTimeouts.add(number.overrideConfiguration().flatMap(o -> o.apiCallTimeout()));
        }
      }
    };
    TestComponent app = TestApp.on(table.through(storage), clock,
        Map.of("QUEUE_PLACEMENT_SETTLE_SECONDS", "3", "QUEUE_JOIN_SHARDS", "4"));
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    Instant start = clock.instant();
    joining.set(true);

    slowRead.set(Duration.ofMillis(400));
    String quick = app.joinQueue().join("quick", CONCERT).view().token();
    slowRead.set(Duration.ofMillis(2300));
    String slow = app.joinQueue().join("slow", CONCERT).view().token();

    assertThat(joinedAt(app, quick)).as("numbered in time: its arrival stands").isEqualTo(start);
    assertThat(joinedAt(app, slow)).as("it could no longer take a number in its second: it arrives when it takes one")
        .isEqualTo(start.plusMillis(400 + 2300));
    assertThat(numberTimeouts).as("each number is given up when its second's settling time (1 + 3 s, less 0.5 s) is near")
        .containsExactly(Optional.of(Duration.ofMillis(3100)), Optional.of(Duration.ofMillis(2800)));
    assertThat(writeTimeouts).as("each token is given up %s after that", ArrivalNumber.STORED_WITHIN)
        .containsExactly(Optional.of(Duration.ofMillis(6100)), Optional.of(Duration.ofMillis(5800)));
  }

  private static Instant joinedAt(TestComponent app, String token) {
    return app.gateStore().token(QueueTokenId.parse(token).orElseThrow()).orElseThrow().joinedAt();
  }
}
