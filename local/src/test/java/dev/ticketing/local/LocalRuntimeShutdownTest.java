package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
    ExpiredHolds.write(table.client(), table.name(), CONCERT, HOLDS);

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
    return ExpiredHolds.left(table.client(), table.name(), CONCERT);
  }
}
