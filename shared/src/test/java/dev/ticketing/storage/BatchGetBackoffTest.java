package dev.ticketing.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.faults.FaultyStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link Table#batchGet} against the engine, with DynamoDB's partial answers injected: keys left
 * unprocessed are sent again after growing, capped, jittered pauses (recorded here instead of
 * slept), and a bounded number of calls later the read gives up with a StorageUnavailableException.
 */
@ExtendWith(DynamoDbExtension.class)
class BatchGetBackoffTest {
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final SplittableRandom random = new SplittableRandom(11);
  /** The top of every jitter range, so each pause is its ceiling. */
  private final Backoff recorded = Backoff.unprocessedKeys(random).withSleeper(pauses::add, () -> 1.0);
  private final Backoff conflicts = Backoff.transactionConflicts(random);

  @Test
  void keys_left_unprocessed_are_sent_again_after_growing_pauses_until_all_are_read(TestTable healthy) {
    List<Map<String, AttributeValue>> keys = put(healthy, 5);
    try (FaultyStorage storage = FaultyStorage.withProductionTimeouts(healthy)) {
      Table table = new Table(storage.table.client(), healthy.name(), recorded, conflicts);
      storage.faults.armUnprocessedKeys(3);

      Map<String, Map<String, AttributeValue>> found = table.batchGet(keys);

      assertThat(found).hasSize(5);
      assertThat(storage.faults.partialBatches()).isEqualTo(3);
      assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
    }
  }

  @Test
  void keys_that_stay_unprocessed_end_in_a_storage_fault_after_a_bounded_number_of_calls(TestTable healthy) {
    List<Map<String, AttributeValue>> keys = put(healthy, 3);
    try (FaultyStorage storage = FaultyStorage.withProductionTimeouts(healthy)) {
      Table table = new Table(storage.table.client(), healthy.name(), recorded, conflicts);
      storage.faults.armUnprocessedKeys(1_000);

      StorageUnavailableException busy = catchThrowableOfType(StorageUnavailableException.class, () -> table.batchGet(keys));

      assertThat(busy).hasMessageContaining("unprocessed after 6 calls");
      assertThat(storage.faults.partialBatches()).isEqualTo(6);
      assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
          Duration.ofMillis(400), Duration.ofMillis(800));
    }
  }

  @Test
  void a_read_that_dynamodb_answers_whole_never_pauses(TestTable healthy) {
    List<Map<String, AttributeValue>> keys = put(healthy, 150);
    Table table = new Table(healthy.client(), healthy.name(), recorded, conflicts);
    assertThat(table.batchGet(keys)).hasSize(150);
    assertThat(pauses).isEmpty();
  }

  @Test
  void pauses_stop_growing_at_the_cap() {
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(120), 10, pauses::add, () -> 1.0);
    IntStream.rangeClosed(1, 5).forEach(backoff::pauseBefore);
    assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(120),
        Duration.ofMillis(120), Duration.ofMillis(120));
    assertThat(backoff.ceiling(64)).isEqualTo(Duration.ofMillis(120));
  }

  @Test
  void pauses_spread_over_the_whole_range_below_the_ceiling() {
    Backoff jittered = Backoff.unprocessedKeys(random);
    Backoff backoff = jittered.withSleeper(pauses::add, jittered.jitter());
    for (int i = 0; i < 2_000; i++) {
      backoff.pauseBefore(3);
    }
    Duration ceiling = Duration.ofMillis(200);
    assertThat(pauses).allSatisfy(p -> assertThat(p).isBetween(Duration.ZERO, ceiling));
    assertThat(pauses.stream().min(Duration::compareTo).orElseThrow()).isLessThan(ceiling.dividedBy(10));
    assertThat(pauses.stream().max(Duration::compareTo).orElseThrow()).isGreaterThan(ceiling.multipliedBy(9).dividedBy(10));
  }

  private static List<Map<String, AttributeValue>> put(TestTable table, int count) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, AttributeValue> key = Items.key("ITEM#" + i, "ITEM");
      table.client().putItem(r -> r.tableName(table.name()).item(key));
      keys.add(key);
    }
    return keys;
  }
}
