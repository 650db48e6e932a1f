package dev.ticketing.functions.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.ticketing.testing.SmallCatalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.maintenance.MaintenanceHandler;
import dev.ticketing.metrics.Metric;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.EmittedMetrics;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.testing.faults.Fault;
import dev.ticketing.testing.faults.FaultyStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drill "the maintenance function failing or stuck" of docs/runbook.md, rehearsed through the
 * scheduled function's own handler. While every invocation fails, each one ends in an error (in
 * AWS: the Errors alarm, and a record in the failure queue), reports its failed step and no
 * heartbeat, and requests stay correct without it: joins are taken, a hold that ran out is
 * another user's to take. Once storage answers again, the next invocation carries on from the
 * stored state: everyone who joined meanwhile is placed in arrival order and admitted, and the
 * heartbeat is back.
 */
@ExtendWith(DynamoDbExtension.class)
class MaintenanceOutageDrillTest {
  private static final String CONCERT = "winter-gala";
  private static final String DATE = "winter-gala-1";
  private final MutableClock clock = MutableClock.fromSystem();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void requests_stay_correct_while_maintenance_fails_and_the_next_run_catches_up(TestTable healthy) throws Exception {
    Map<String, String> env = Map.of("QUEUE_MAX_ACTIVE", "10", "HOLD_TTL_SECONDS", "60");
    TestComponent app = TestApp.on(healthy, clock, env);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    Map<String, String> tokens = Admitted.users(app, CONCERT, List.of("holder", "other"), 1);
    String holder = tokens.get("holder");
    app.reserveSeat().reserve("holder", ReserveRequest.of(CONCERT, DATE, 7), QueueTokenId.parse(holder));
    byte[] event = Files.readAllBytes(ProjectFiles.findUpwards(Path.of("events", "maintenance-schedule.json")).orElseThrow());
    EmittedMetrics emitted = new EmittedMetrics();

    try (FaultyStorage storage = new FaultyStorage(healthy)) {
      MaintenanceHandler maintenance = new MaintenanceHandler(TestApp.on(storage.table, clock, env, emitted.metrics()));

      // The outage: every index read of maintenance fails, invocation after invocation.
      storage.faults.arm("Query", Fault.SERVER_ERROR, 1_000, 100_000);
      List<String> joined = new ArrayList<>();
      for (int minute = 0; minute < 3; minute++) {
        assertThatThrownBy(() -> maintenance.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null))
            .as("a failed invocation is a Lambda error: the Errors alarm, a record in the failure queue")
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("queue-round");
        String fan = "fan-" + minute;
        assertThat(app.joinQueue().join(fan, CONCERT).view().position()).as("joins are taken, placed later").isNull();
        joined.add(fan);
        clock.advance(Duration.ofSeconds(30));
      }
      assertThat(emitted.sum(Metric.MAINTENANCE_HEARTBEAT, Optional.empty())).as("no heartbeat: the alarm fires").isZero();
      assertThat(emitted.documents().stream().filter(d -> "queue-round".equals(d.path("Step").asText(null)))).hasSize(3);

      // The hold ran out during the outage: its seat is another admitted user's to take, released or not.
      assertThat(app.reserveSeat().reserve("other", ReserveRequest.of(CONCERT, DATE, 7), QueueTokenId.parse(tokens.get("other")))
          .reservation()
          .seatNos()).containsExactly(7);

      // Recovery: storage answers again, the next scheduled invocation succeeds and catches up.
      storage.faults.disarm();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      maintenance.handleRequest(new ByteArrayInputStream(event), answer, null);
      JsonNode done = json.readTree(answer.toByteArray());
      assertThat(done.get("status").asText()).isEqualTo("ok");
      assertThat(emitted.sum(Metric.MAINTENANCE_HEARTBEAT, Optional.empty())).isEqualTo(1);
    }

    QueueCounters counters = app.admissionStore().counters(CONCERT);
    assertThat(counters.placedThrough()).as("holder, the three fans, other").isEqualTo(5);
    assertThat(counters.admitted()).isEqualTo(5);
    List<Long> places = new ArrayList<>();
    for (String fan : List.of("fan-0", "fan-1", "fan-2")) {
      places.add(app.joinStore().latestToken(fan, CONCERT).orElseThrow().place().orElseThrow());
    }
    assertThat(places).as("placed in the order they joined during the outage").isSorted();
  }
}
