package dev.ticketing.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.sale.SaleState;
import dev.ticketing.catalog.dynamo.CatalogItems;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.metrics.Metric;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.EmittedMetrics;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.testing.faults.Fault;
import dev.ticketing.testing.faults.FaultyStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The scheduled maintenance on the engine, concert by concert: one whose storage fails throughout
 * holds up no other, and rounds read only the concerts that still need them.
 */
@ExtendWith(DynamoDbExtension.class)
class MaintenanceOnEngineTest {
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private static final Map<String, String> ENV = Map.of("HOLD_TTL_SECONDS", "60");
  private final MutableClock clock = new MutableClock(T0);

  /** Listed first (the catalogue is ordered by id): a failure of its own once ended the round for every concert after it. */
  private static final String STALLED = "a-stalled-arena";
  private static final String RUSHING = "rushing-hall";
  private static final List<Maintenance.Failure> STALLED_STEPS = List.of(
      new Maintenance.Failure("queue-round", Optional.of(STALLED)),
      new Maintenance.Failure("release-expired-holds", Optional.of(STALLED)));

  @Test
  void a_concert_whose_storage_fails_throughout_holds_up_no_placement_admission_or_release_of_another(TestTable healthy)
      throws Exception {
    TestComponent app = TestApp.on(healthy, clock, ENV);
    app.catalogSeeder().seed(new SeedCatalog(List.of(concert(STALLED, T0.plus(Duration.ofDays(30))),
        concert(RUSHING, T0.plus(Duration.ofDays(30))))));
    app.joinQueue().join("stalled-fan", STALLED);
    String holder = app.joinQueue().join("holder", RUSHING).view().token();
    app.joinQueue().join("fan", RUSHING);
    clock.advance(Duration.ofSeconds(1));  // the joins' second is over: placement counts it
    EmittedMetrics emitted = new EmittedMetrics();

    try (FaultyStorage storage = new FaultyStorage(healthy)) {
      // Every request naming the stalled concert (its keys, its index partitions) is throttled for good.
      storage.faults.armMentioning(STALLED, Fault.THROTTLE);
      MaintenanceRounds rounds = TestApp.on(storage.table, clock, ENV, emitted.metrics()).maintenanceRounds();

      Maintenance.Round first = rounds.run().lastRound();
      assertThat(first.failures()).isEqualTo(STALLED_STEPS);
      assertThat(first.done().get("queue-round")).containsEntry("placesHandedOut", 2L).containsEntry("usersAdmitted", 2L);
      assertThat(placedAndAdmitted(app, RUSHING)).containsExactly(2L, 2L);

      // The holder's hold runs out, and someone else joins meanwhile.
      app.reserveSeat().reserve("holder", ReserveRequest.of(RUSHING, RUSHING + "-1", 7), QueueTokenId.parse(holder));
      clock.advance(Duration.ofSeconds(61));
      app.joinQueue().join("late", RUSHING);
      clock.advance(Duration.ofSeconds(1));

      Maintenance.Round second = rounds.run().lastRound();
      assertThat(second.failures()).isEqualTo(STALLED_STEPS);
      assertThat(second.done().get("release-expired-holds")).containsEntry("seatsFreed", 1L)
          .containsEntry("reservationsExpired", 1L);
      assertThat(Items.string(ReservationTables.seat(healthy, RUSHING, RUSHING + "-1", 7), "status")).isEqualTo("AVAILABLE");
      assertThat(placedAndAdmitted(app, RUSHING)).containsExactly(3L, 3L);

      clock.advance(Duration.ofSeconds(2));
      assertThat(rounds.run().lastRound().failures()).isEqualTo(STALLED_STEPS);

      assertThat(storage.faults.injectedTotal()).isPositive();
      assertThat(placedAndAdmitted(app, STALLED)).containsExactly(0L, 0L);
      assertThat(emitted.sum(Metric.MAINTENANCE_STEP_FAILURES, Optional.empty())).as("2 steps, 3 rounds").isEqualTo(6);
      assertThat(emitted.sum(Metric.MAINTENANCE_HEARTBEAT, Optional.empty())).isZero();
      assertThat(emitted.sum(Metric.USERS_ADMITTED, RUSHING)).isEqualTo(3);

      // Its storage answers again: the next round catches up with it.
      storage.faults.disarm();
      clock.advance(Duration.ofSeconds(2));
      assertThat(rounds.run().lastRound().failures()).isEmpty();
      assertThat(emitted.sum(Metric.MAINTENANCE_HEARTBEAT, Optional.empty())).isEqualTo(1);
    }
    assertThat(placedAndAdmitted(app, STALLED)).containsExactly(1L, 1L);
  }

  private static final String ENDED = "farewell-encore";
  private static final String TOURING = "world-tour";
  private static final String UNRECORDED = "old-favourite";

  @Test
  void rounds_read_a_concert_until_its_last_holds_ran_out_and_a_spare_hour_passed_then_never(TestTable table) {
    ConcertRequests requests = new ConcertRequests(ENDED, TOURING, UNRECORDED);
    TestComponent app = TestApp.on(table.through(requests), clock, ENV);
    Instant lastDate = T0.plus(Duration.ofMinutes(10));
    SeedCatalog catalog = new SeedCatalog(List.of(
        concert(ENDED, T0.minus(Duration.ofDays(2)), lastDate),
        concert(TOURING, T0.plus(Duration.ofDays(30))),
        concert(UNRECORDED, lastDate)));
    app.catalogSeeder().seed(catalog);
    // As a concert seeded before its item recorded its last date.
    table.client().updateItem(r -> r.tableName(table.name()).key(CatalogItems.concertKey(UNRECORDED))
        .updateExpression("REMOVE lastDateStartsAt"));

    requests.reset();
    app.maintenance().runAll();
    assertThat(requests.counts()).as("a round before the last date").allSatisfy((concert, sent) -> assertThat(sent).isPositive());

    // Its last date has started: the round records the close (and would end its sessions, release its holds).
    clock.set(lastDate.plus(Duration.ofMinutes(1)));
    requests.reset();
    assertThat(app.maintenance().runAll().failures()).isEmpty();
    assertThat(requests.of(ENDED)).isPositive();
    assertThat(app.saleTermsStore().terms(ENDED).orElseThrow().recordedState()).isEqualTo(SaleState.CLOSED);

    // Its last holds ran out (HOLD_TTL_SECONDS) an hour ago: no round reads it again.
    clock.set(lastDate.plus(Duration.ofSeconds(60)).plus(LiveConcerts.SPARE));
    requests.reset();
    assertThat(app.maintenance().runAll().failures()).isEmpty();
    assertThat(requests.of(ENDED)).as("requests naming the concert that is over").isZero();
    assertThat(requests.of(TOURING)).isPositive();
    assertThat(requests.of(UNRECORDED)).as("nothing says that it is over").isPositive();

    // Seeding again records its last date from the dates it has: from then on it is left out too.
    app.catalogSeeder().seed(catalog);
    requests.reset();
    app.maintenance().runAll();
    assertThat(requests.of(UNRECORDED)).isZero();
    assertThat(requests.of(ENDED)).isZero();
    assertThat(requests.of(TOURING)).isPositive();
  }

  private static List<Long> placedAndAdmitted(TestComponent app, String concertId) {
    QueueCounters counters = app.admissionStore().counters(concertId);
    return List.of(counters.placedThrough(), counters.admitted());
  }

  /** A concert on sale now, with a date at each of {@code startsAt} ({@code <concertId>-1}, ...). */
  private static SeedConcert concert(String concertId, Instant... startsAt) {
    List<SeedSchedule> dates = new java.util.ArrayList<>();
    for (int i = 0; i < startsAt.length; i++) {
      dates.add(new SeedSchedule(concertId + "-" + (i + 1), startsAt[i].atZone(ZoneOffset.UTC).toLocalDate(), startsAt[i]));
    }
    return new SeedConcert(concertId, "Title of " + concertId, "Artist", "Hall", List.of(new Section("R", 1, 50, 90_000)),
        dates);
  }

  /** Counts the requests (every attempt) that name each concert: its keys and index partitions carry its id. */
  private static final class ConcertRequests implements ExecutionInterceptor {
    private final List<String> concertIds;
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

    ConcertRequests(String... concertIds) {
      this.concertIds = Arrays.asList(concertIds);
      reset();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String request = context.request().toString();
      concertIds.stream().filter(request::contains).forEach(concertId -> sent.get(concertId).incrementAndGet());
    }

    void reset() {
      concertIds.forEach(concertId -> sent.put(concertId, new AtomicInteger()));
    }

    int of(String concertId) {
      return sent.get(concertId).get();
    }

    Map<String, Integer> counts() {
      Map<String, Integer> counts = new java.util.TreeMap<>();
      sent.forEach((concertId, count) -> counts.put(concertId, count.get()));
      return counts;
    }
  }
}
