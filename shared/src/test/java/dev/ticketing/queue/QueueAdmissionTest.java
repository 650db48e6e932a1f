package dev.ticketing.queue;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Admission under overlapping scheduler runs: strict place order, never more than QUEUE_MAX_ACTIVE at once. */
@ExtendWith(DynamoDbExtension.class)
class QueueAdmissionTest {
  private static final String CONCERT = "neon-tide-tour";
  private static final int MAX_ACTIVE = 5;
  private static final Duration ACTIVE_TTL = Duration.ofSeconds(600);
  private static final Map<String, String> ENV = Map.of(
      "QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE), "ACTIVE_TTL_SECONDS", "600", "ADMISSION_GRACE_SECONDS", "120");

  /** Stored tokens, and how many of them are ACTIVE at the clock's instant. */
  private static List<Map<String, AttributeValue>> tokens(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true)
            .filterExpression("sk = :token").expressionAttributeValues(Map.of(":token", AttributeValue.fromS("TOKEN"))))
        .items().stream().toList();
  }

  private static long activeAt(TestTable table, Instant now) {
    return tokens(table).stream()
        .filter(t -> "ACTIVE".equals(Items.string(t, "status")))
        .filter(t -> Items.number(t, "activeUntil") > now.toEpochMilli())
        .filter(t -> t.containsKey("firstUsedAt") || Items.number(t, "activatedAt") + 120_000 > now.toEpochMilli())
        .count();
  }

  @Test
  void overlapping_runs_admit_in_place_order_and_never_exceed_the_limit(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    int users = 60;
    for (int i = 0; i < users; i++) {
      app.joinQueue().join("fan-" + i, CONCERT);
    }

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger maxSeen = new AtomicInteger();
    AtomicInteger samples = new AtomicInteger();
    Thread sampler = new Thread(() -> {
      while (running.get()) {
        maxSeen.accumulateAndGet((int) activeAt(table, clock.instant()), Math::max);
        samples.incrementAndGet();
      }
    });
    sampler.start();
    try {
      for (int round = 0; round < 100 && app.admissionStore().counters(CONCERT).activatedThrough() < users; round++) {
        Concurrently.run(4, 4, i -> app.queueRound().run(CONCERT).admitted());
        maxSeen.accumulateAndGet((int) activeAt(table, clock.instant()), Math::max);
        if (round % 2 == 1) {
          clock.advance(ACTIVE_TTL.plusSeconds(1));  // every session admitted so far runs out
        }
      }
    } finally {
      running.set(false);
      sampler.join();
    }

    assertThat(samples.get()).as("sampled while admitting").isGreaterThan(10);
    assertThat(maxSeen.get()).as("most ACTIVE at once").isEqualTo(MAX_ACTIVE);
    QueueCounters counters = app.admissionStore().counters(CONCERT);
    assertThat(counters.admitted()).isEqualTo(users);
    assertThat(counters.activatedThrough()).isEqualTo(users);

    List<Map<String, AttributeValue>> bySequence = tokens(table).stream()
        .sorted(Comparator.comparingLong(t -> Items.number(t, "place"))).toList();
    assertThat(bySequence.stream().map(t -> Items.number(t, "place")).toList())
        .as("every token placed once, places 1..60").isEqualTo(java.util.stream.LongStream.rangeClosed(1, users).boxed().toList());
    assertThat(bySequence).hasSize(users).allSatisfy(t -> assertThat(t).containsKey("activatedAt"));
    for (int i = 1; i < bySequence.size(); i++) {
      assertThat(Items.number(bySequence.get(i), "activatedAt"))
          .as("token %d admitted no earlier than token %d", i + 1, i)
          .isGreaterThanOrEqualTo(Items.number(bySequence.get(i - 1), "activatedAt"));
    }
    // Admission happened in batches of the free slots, never all at once.
    assertThat(bySequence.stream().map(t -> Items.number(t, "activatedAt")).distinct().count())
        .isGreaterThanOrEqualTo(users / MAX_ACTIVE);
  }

  @Test
  void duplicate_joins_take_no_place_and_hold_no_slot(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "2"));
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    // One user's many concurrent joins keep one token.
    Concurrently.run(20, 20, i -> app.joinQueue().join("eager", CONCERT));
    clock.advance(Duration.ofSeconds(3));
    String second = app.joinQueue().join("patient", CONCERT).view().token();
    clock.advance(Duration.ofSeconds(3));
    String third = app.joinQueue().join("third", CONCERT).view().token();
    clock.advance(Duration.ofSeconds(1));  // third's second is over
    app.queueRound().run(CONCERT);
    // Repeats that raced the winner may have taken numbers before losing: gaps, passed over once
    // their joins' deadline is past.
    clock.advance(ArrivalNumber.STORED_WITHIN.plusSeconds(1));

    for (int round = 0; round < 5; round++) {
      app.queueRound().run(CONCERT);
    }

    assertThat(app.queueStatus().status("patient", QueueTokenId.parse(second)).status()).isEqualTo(QueueToken.Status.ACTIVE);
    assertThat(app.queueStatus().status("third", QueueTokenId.parse(third)).status()).isEqualTo(QueueToken.Status.WAITING);
    QueueCounters counters = app.admissionStore().counters(CONCERT);
    assertThat(counters.placedThrough() - counters.ended()).as("places but the repeats' lost numbers").isEqualTo(3);
    assertThat(counters.holdingSlots()).as("only the two real sessions hold slots").isEqualTo(2);
  }
}
