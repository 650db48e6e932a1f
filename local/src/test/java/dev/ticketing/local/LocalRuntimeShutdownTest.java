package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Stopping the local runtime lets a maintenance run in progress finish: it is not interrupted
 * halfway (which the SDK reports as an aborted call, logged as a failed step).
 */
@ExtendWith(DynamoDbExtension.class)
class LocalRuntimeShutdownTest {
  private static final String CONCERT = "winter-gala";
  private static final int HOLDS = 300;

  @Test
  void closing_during_a_maintenance_run_lets_it_finish_without_a_logged_failure(TestTable table) throws Exception {
    // Holds that ran out a minute ago: the first run of the release step has hundreds to settle.
    long expired = Instant.now().minusSeconds(60).toEpochMilli();
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < HOLDS; i++) {
      String id = String.format("expired-hold-%04d", i);
      writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.ofEntries(
          Map.entry("pk", s("RESERVATION#" + id)), Map.entry("sk", s("RESERVATION")),
          Map.entry("reservationId", s(id)), Map.entry("userId", s("user-" + i)), Map.entry("concertId", s(CONCERT)),
          Map.entry("scheduleId", s(CONCERT + "-2099-01-01")), Map.entry("seatNo", n(1 + i % 50)), Map.entry("price", n(80_000)),
          Map.entry("status", s("HELD")), Map.entry("heldAt", n(expired - 300_000)), Map.entry("holdExpiresAt", n(expired)),
          Map.entry("gsi1pk", s("HOLDS#" + CONCERT)), Map.entry("gsi1sk", s(String.format("%015d#%s", expired, id)))))
          .build()).build());
    }
    for (int start = 0; start < writes.size(); start += 25) {
      List<WriteRequest> batch = writes.subList(start, Math.min(writes.size(), start + 25));
      table.client().batchWriteItem(r -> r.requestItems(Map.of(table.name(), batch)));
    }

    String log;
    try (CapturedOutput output = CapturedOutput.quietly()) {
      LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "1"));
      try {
        Instant deadline = Instant.now().plus(Journey.DEADLINE);
        int left;
        do {
          Thread.sleep(20);
          left = holdsLeft(table);
        } while (left == HOLDS && Instant.now().isBefore(deadline));
        assertThat(left).as("holds left when the runtime is closed: a release run is under way").isBetween(1, HOLDS - 1);
      } finally {
        http.close();
      }
      // Closing waited for the run under way: it has ended, so whatever it logs is logged by now.
      assertThat(http.runtime.scheduledRunsEnded()).as("the scheduled run ended within the close").isTrue();
      log = output.text();
    }

    assertThat(log).doesNotContain("\"level\":\"ERROR\"").doesNotContain("Exception");
    assertThat(holdsLeft(table)).as("holds left once the runtime has stopped").isZero();
  }

  private static int holdsLeft(TestTable table) {
    return table.client().query(r -> r.tableName(table.name()).indexName("gsi1").select(Select.COUNT)
        .keyConditionExpression("gsi1pk = :holds")
        .expressionAttributeValues(Map.of(":holds", s("HOLDS#" + CONCERT)))).count();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(String.valueOf(value));
  }
}
