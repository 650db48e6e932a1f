package dev.ticketing.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Each concert and each step of a maintenance round is a failure boundary of its own: with every
 * storage request naming one live concert failing, the other concert's arrivals are still placed
 * and admitted and its expired holds released, and the round reports the failing concert's steps
 * as failed. Users act through the public use cases on a healthy client; only the maintenance
 * runs on the failing one. No retries, no pauses: each failure is immediate.
 */
@ExtendWith(DynamoDbExtension.class)
class MaintenanceBoundariesTest {
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private static final Map<String, String> ENV = Map.of("HOLD_TTL_SECONDS", "60");

  /** First in the catalogue's order (by id), so a failure that ended the round early would starve the other. */
  private static final String FAILING = "a-failing-arena";
  private static final String HEALTHY = "healthy-hall";
  private static final String SCHEDULE = HEALTHY + "-1";
  private static final List<Maintenance.Failure> FAILING_STEPS = List.of(
      new Maintenance.Failure("queue-round", Optional.of(FAILING)),
      new Maintenance.Failure("release-expired-holds", Optional.of(FAILING)));

  private final MutableClock clock = new MutableClock(T0);

  @Test
  void a_concert_whose_every_request_fails_does_not_stop_placement_admission_or_release_of_another(TestTable table) {
    TestComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(new SeedCatalog(List.of(concert(FAILING), concert(HEALTHY))));
    app.joinQueue().join("stuck-fan", FAILING);
    String holder = app.joinQueue().join("holder", HEALTHY).view().token();
    String fan = app.joinQueue().join("fan", HEALTHY).view().token();

    assertThat(status(app, "holder", holder)).isEqualTo(QueueToken.Status.WAITING);

    FailingFor failing = new FailingFor(FAILING);
    Maintenance maintenance = TestApp.on(table.through(failing), clock, ENV).maintenance();

    Maintenance.Round first = maintenance.runAll();
    assertThat(first.failures()).isEqualTo(FAILING_STEPS);
    assertThat(first.failed()).containsExactly("queue-round", "release-expired-holds");
    assertThat(first.done().get("queue-round")).containsEntry("placesHandedOut", 2L).containsEntry("usersAdmitted", 2L);
    clock.advance(Duration.ofSeconds(2));  // past the queue state's cache
    assertThat(status(app, "holder", holder)).isEqualTo(QueueToken.Status.ACTIVE);
    assertThat(status(app, "fan", fan)).isEqualTo(QueueToken.Status.ACTIVE);
    assertThat(placedAndAdmitted(app, FAILING)).containsExactly(0L, 0L);

    // The holder holds a seat; the hold runs out (HOLD_TTL_SECONDS), and someone else joins meanwhile.
    String reservationId = app.reserveSeat().reserve("holder", ReserveRequest.of(HEALTHY, SCHEDULE, 7), Optional.of(holder))
        .reservation().reservationId();
    assertThat(storedStatus(table, reservationId)).isEqualTo(ReservationStatus.HELD.name());
    assertThat(seatStatus(table)).isNotEqualTo("AVAILABLE");
    clock.advance(Duration.ofSeconds(61));
    String late = app.joinQueue().join("late", HEALTHY).view().token();
    assertThat(status(app, "late", late)).isEqualTo(QueueToken.Status.WAITING);

    Maintenance.Round second = maintenance.runAll();
    assertThat(second.failures()).isEqualTo(FAILING_STEPS);
    assertThat(second.done().get("release-expired-holds")).containsEntry("seatsFreed", 1L)
        .containsEntry("reservationsExpired", 1L);
    // Released by the step, not just read as over: the stored items say so.
    assertThat(storedStatus(table, reservationId)).isEqualTo(ReservationStatus.EXPIRED.name());
    assertThat(seatStatus(table)).isEqualTo("AVAILABLE");
    clock.advance(Duration.ofSeconds(2));
    assertThat(status(app, "late", late)).isEqualTo(QueueToken.Status.ACTIVE);

    assertThat(failing.refused.get()).as("requests refused for the failing concert").isPositive();
    assertThat(placedAndAdmitted(app, FAILING)).containsExactly(0L, 0L);
  }

  /** The token's status as its user polls it (GET /queue/status). */
  private static QueueToken.Status status(TestComponent app, String userId, String token) {
    return app.queueStatus().status(userId, Optional.of(token)).status();
  }

  private static String storedStatus(TestTable table, String reservationId) {
    return Items.string(ReservationTables.reservation(table, reservationId), "status");
  }

  private static String seatStatus(TestTable table) {
    return Items.string(ReservationTables.seat(table, HEALTHY, SCHEDULE, 7), "status");
  }

  private static List<Long> placedAndAdmitted(TestComponent app, String concertId) {
    QueueCounters counters = app.admissionStore().counters(concertId);
    return List.of(counters.placedThrough(), counters.admitted());
  }

  /** A concert on sale now, with one date a month away ({@code <concertId>-1}). */
  private static SeedConcert concert(String concertId) {
    Instant startsAt = T0.plus(Duration.ofDays(30));
    return new SeedConcert(concertId, "Title of " + concertId, "Artist", "Hall", List.of(new Section("R", 1, 50, 90_000)),
        List.of(new SeedSchedule(concertId + "-1", startsAt.atZone(ZoneOffset.UTC).toLocalDate(), startsAt)));
  }

  /**
   * Fails every request that names the concert (its keys, its index partitions carry its id) before
   * it is sent, as DynamoDB answering 503 for its partitions would after the SDK's retries: at once,
   * with no retry and no pause.
   */
  private static final class FailingFor implements ExecutionInterceptor {
    private final String concertId;
    final AtomicInteger refused = new AtomicInteger();

    FailingFor(String concertId) {
      this.concertId = concertId;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request().toString().contains(concertId)) {
        refused.incrementAndGet();
        throw DynamoDbException.builder().statusCode(503).message("injected: storage unavailable for " + concertId).build();
      }
    }
  }
}
