package dev.ticketing.functions.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import dev.ticketing.testing.SmallCatalog;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.StorageUnavailableException;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.testing.faults.FaultyStorage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Batch reads when DynamoDB leaves keys unprocessed: placement re-reads late arrivals' tokens in
 * one BatchGetItem. A few partial answers are absorbed by re-sending the keys after a pause; keys
 * that stay unprocessed end the round, within a bound, as a storage fault (the scheduled run
 * fails and the next one carries on) instead of a loop that spins until the function's timeout,
 * and nothing is placed twice or skipped.
 */
@ExtendWith(DynamoDbExtension.class)
class UnprocessedKeysTest {
  private static final String CONCERT = "winter-gala";
  /** Far more partial answers than any bounded retry makes. */
  private static final int ALWAYS = 1_000_000;
  /** Well above the bounded retries' pauses; the unbounded loop it replaced never ended. */
  private static final Duration NO_SPINNING = Duration.ofSeconds(30);
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:10Z");

  /** One join placed, then two more in the next second, whose counters the next round reads by key. */
  private List<String> nextArrivals(TestComponent app) {
    app.joinQueue().join("first", CONCERT);
    app.queueRound().run(CONCERT);
    clock.advance(Duration.ofSeconds(1));
    String next1 = app.joinQueue().join("next-1", CONCERT).view().token();
    String next2 = app.joinQueue().join("next-2", CONCERT).view().token();
    clock.advance(Duration.ofSeconds(1));
    return List.of(next1, next2);
  }

  @Test
  void placement_absorbs_a_few_partial_answers_of_the_counters_and_places_the_arrivals(TestTable healthy) {
    TestComponent app = TestApp.on(healthy, clock);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    List<String> late = nextArrivals(app);

    try (FaultyStorage storage = FaultyStorage.withProductionTimeouts(healthy)) {
      storage.faults.armUnprocessedKeys(2);
      assertThat(TestApp.on(storage.table, clock).queueRound().run(CONCERT).placed()).isEqualTo(2);
      assertThat(storage.faults.partialBatches()).isEqualTo(2);
    }
    assertThat(late).allSatisfy(token -> assertThat(app.gateStore().token(QueueTokenId.parse(token).orElseThrow())
        .orElseThrow().place()).isPresent());
  }

  @Test
  void keys_that_stay_unprocessed_fail_the_round_within_a_bound_and_the_next_round_places_them_once(TestTable healthy) {
    TestComponent app = TestApp.on(healthy, clock);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    List<String> late = nextArrivals(app);

    try (FaultyStorage storage = FaultyStorage.withProductionTimeouts(healthy)) {
      TestComponent faulty = TestApp.on(storage.table, clock);
      storage.faults.armUnprocessedKeys(ALWAYS);
      assertTimeoutPreemptively(NO_SPINNING, () -> assertThatThrownBy(() -> faulty.queueRound().run(CONCERT))
          .isInstanceOf(StorageUnavailableException.class));
      assertThat(storage.faults.partialBatches()).as("bounded: calls that got keys back").isBetween(2, 20);
      assertThat(app.admissionStore().counters(CONCERT).placedThrough()).as("nothing placed").isEqualTo(1);

      storage.faults.disarm();
      assertThat(faulty.queueRound().run(CONCERT).placed()).isEqualTo(2);
      assertThat(faulty.queueRound().run(CONCERT).placed()).isZero();
    }
    assertThat(app.admissionStore().counters(CONCERT).placedThrough()).isEqualTo(3);
    assertThat(late.stream().map(token -> app.gateStore().token(QueueTokenId.parse(token).orElseThrow()).orElseThrow().place()))
        .as("admitted at once, with their places").containsExactlyInAnyOrder(Optional.of(2L), Optional.of(3L));
  }
}
