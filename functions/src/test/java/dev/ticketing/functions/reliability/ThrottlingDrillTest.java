package dev.ticketing.functions.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import dev.ticketing.testing.SmallCatalog;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.queue.JoinQueueHandler;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.maintenance.Maintenance;
import dev.ticketing.metrics.Metric;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.testing.EmittedMetrics;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.testing.faults.Fault;
import dev.ticketing.testing.faults.FaultyStorage;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drill "DynamoDB throttling" of docs/runbook.md, rehearsed: what the operator's metrics show while
 * storage throttles (every throttled attempt as StorageThrottled, absorbed by the SDK's retries or
 * not, each 503 as StorageUnavailable, a maintenance round it stops as a failed step and a missing
 * heartbeat), and how it ends once the throttling stops: the client's
 * retry of the same request succeeds and the next round carries on.
 */
@ExtendWith(DynamoDbExtension.class)
class ThrottlingDrillTest {
  private static final String CONCERT = "winter-gala";
  private static final int OUTLASTS_RETRIES = 1_000;
  private final MutableClock clock = MutableClock.fromSystem();

  private static ApiGatewayRequest join(String user) {
    return ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens").user(user).path("concertId", CONCERT).build();
  }

  @Test
  void throttling_shows_in_the_metrics_and_ends_with_the_retries(TestTable healthy) {
    TestApp.on(healthy, clock).catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    EmittedMetrics emitted = new EmittedMetrics();
    // Half production's bound of a call: an absorbed throttle's backoff fits it even on a busy machine.
    try (FaultyStorage storage = new FaultyStorage(healthy, Duration.ofSeconds(4))) {
      TestComponent app = TestApp.on(storage.table, clock, Map.of(), emitted.metrics());
      HttpFunction joins = new JoinQueueHandler(app);

      // Absorbed by the SDK's retries: the join succeeds; the throttled attempt still counts (an early warning).
      storage.faults.arm("PutItem", Fault.THROTTLE, 1, 1);  // the join's one write: its token
      assertThat(joins.respond(join("absorbed")).statusCode()).isEqualTo(201);
      assertThat(emitted.sum(Metric.STORAGE_THROTTLED, Optional.empty())).isEqualTo(1);
      assertThat(emitted.sum(Metric.STORAGE_UNAVAILABLE, Optional.empty())).isZero();

      // Outlasting them: 503 with Retry-After; every throttled attempt counts, and each 503.
      storage.faults.arm("PutItem", Fault.THROTTLE, OUTLASTS_RETRIES, 2);
      assertThat(joins.respond(join("unlucky")).statusCode()).isEqualTo(503);
      assertThat(joins.respond(join("unlucky")).statusCode()).isEqualTo(503);
      assertThat(emitted.sum(Metric.STORAGE_THROTTLED, Optional.empty())).as("attempts of both calls").isGreaterThanOrEqualTo(3);
      assertThat(emitted.sum(Metric.STORAGE_UNAVAILABLE, Optional.empty())).isEqualTo(2);

      // A maintenance round stopped by throttled index reads: a failed step, no heartbeat.
      storage.faults.arm("Query", Fault.THROTTLE, OUTLASTS_RETRIES, 1_000);
      Maintenance.Round stopped = app.maintenanceRounds().run().lastRound();
      assertThat(stopped.failed()).contains("queue-round");
      assertThat(emitted.sum(Metric.MAINTENANCE_STEP_FAILURES, Optional.empty())).isPositive();
      assertThat(emitted.sum(Metric.MAINTENANCE_HEARTBEAT, Optional.empty())).isZero();

      // Recovery: the throttling stops; the client's retry joins, the next round places both and beats.
      storage.faults.disarm();
      double unavailable = emitted.sum(Metric.STORAGE_UNAVAILABLE, Optional.empty());
      assertThat(joins.respond(join("unlucky")).statusCode()).isEqualTo(201);
      assertThat(app.maintenanceRounds().run().lastRound().failed()).isEmpty();
      assertThat(emitted.sum(Metric.MAINTENANCE_HEARTBEAT, Optional.empty())).isEqualTo(1);
      assertThat(emitted.sum(Metric.STORAGE_UNAVAILABLE, Optional.empty())).isEqualTo(unavailable);
      QueueCounters counters = app.admissionStore().counters(CONCERT);
      // Each 503 came after its join had taken a number: two numbers without a token, which admission
      // passes over once their joins' deadline is past.
      assertThat(counters.placedThrough()).as("each joiner placed once, and each failed join's number").isEqualTo(2 + 2);
      assertThat(emitted.sum(Metric.QUEUE_JOINS, CONCERT)).isEqualTo(2);
    }
  }
}
