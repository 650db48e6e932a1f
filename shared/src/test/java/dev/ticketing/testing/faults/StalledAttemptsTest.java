package dev.ticketing.testing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stalled attempt ends as it does in real time, whether its timeout is waited out (the drills'
 * storage) or reached at once (the fault matrix's, {@link FaultyStorage.Pauses#NONE}): retried
 * when it is one, the call's timeout when they fill the call, nothing written either way.
 */
@ExtendWith(DynamoDbExtension.class)
class StalledAttemptsTest {
  /** How many attempts of 300 ms fill a call timeout of 1.5 s. */
  private static final int ATTEMPTS_IN_A_CALL =
      (int) (FaultyStorage.API_CALL_TIMEOUT.toMillis() / FaultyStorage.ATTEMPT_TIMEOUT.toMillis());

  @Test
  void a_stalled_attempt_times_out_and_the_retry_goes_through_waited_out_or_not(TestTable healthy) {
    for (FaultyStorage.Pauses pauses : FaultyStorage.Pauses.values()) {
      try (FaultyStorage storage = new FaultyStorage(healthy, pauses)) {
        storage.faults.arm("PutItem", Fault.TIMEOUT, 1, 1);
        put(storage, "absorbed-" + pauses);
        assertThat(storage.faults.injected()).as(pauses.name()).containsEntry(Fault.TIMEOUT, 1);
        assertThat(item(healthy, "absorbed-" + pauses)).as(pauses.name()).isNotEmpty();
      }
    }
  }

  @Test
  void stalled_attempts_that_fill_the_call_end_in_its_timeout_and_write_nothing_waited_out_or_not(TestTable healthy) {
    for (FaultyStorage.Pauses pauses : FaultyStorage.Pauses.values()) {
      try (FaultyStorage storage = new FaultyStorage(healthy, pauses)) {
        storage.faults.arm("PutItem", Fault.TIMEOUT, Integer.MAX_VALUE, 1);
        assertThatThrownBy(() -> put(storage, "outlasted-" + pauses)).as(pauses.name())
            .isInstanceOf(ApiCallTimeoutException.class);
        storage.faults.disarm();
        // Five attempts of 300 ms fill the call's 1.5 s (a sixth may just start as both last timers fire
        // together); fewer where the machine is slow enough that the real time of the attempts counts.
        assertThat(storage.faults.injected().get(Fault.TIMEOUT)).as(pauses.name()).isBetween(1, ATTEMPTS_IN_A_CALL + 1);
        assertThat(item(healthy, "outlasted-" + pauses)).as("a stalled attempt writes nothing").isEmpty();
        // The timers of the failed call are gone: the next call of the same thread is not cut short.
        put(storage, "after-" + pauses);
        assertThat(item(healthy, "after-" + pauses)).isNotEmpty();
      }
    }
  }

  private static void put(FaultyStorage storage, String pk) {
    storage.table.client().putItem(r -> r.tableName(storage.table.name())
        .item(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("X"))));
  }

  private static Map<String, AttributeValue> item(TestTable table, String pk) {
    return table.client().getItem(r -> r.tableName(table.name()).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("X")))).item();
  }
}
