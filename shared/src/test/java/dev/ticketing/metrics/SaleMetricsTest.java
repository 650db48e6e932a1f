package dev.ticketing.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import dev.ticketing.testing.SmallCatalog;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.payment.PaymentRequest;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.ReservationView;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.sale.AuditEntry;
import dev.ticketing.sale.SaleControl;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.EmittedMetrics;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.RequestCounter;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.testing.faults.Fault;
import dev.ticketing.testing.faults.FaultyStorage;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics a sale emits, as CloudWatch would read them from the log, through the real use cases
 * on the engine: joins, places, admissions, the queue's gauges and how long it stalls, holds,
 * payments with their revenue, expiries, each once also when its answer was lost and the SDK retried.
 * And they cost no DynamoDB request: the same sale sends
 * exactly the same requests with the metrics written as without them.
 */
@ExtendWith(DynamoDbExtension.class)
class SaleMetricsTest {
  private static final String CONCERT = "winter-gala";
  private static final String DATE = "winter-gala-1";

  @Test
  void a_sale_reports_what_an_operator_watches(TestTable table) {
    MutableClock clock = MutableClock.fromSystem();
    EmittedMetrics emitted = new EmittedMetrics();
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "1"), emitted.metrics());
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));

    String alice = app.joinQueue().join("alice", CONCERT).view().token();
    app.joinQueue().join("alice", CONCERT);  // her own token back: not a join
    clock.advance(Duration.ofSeconds(1));  // a second apart: places keep their order
    String bob = app.joinQueue().join("bob", CONCERT).view().token();
    assertThat(emitted.sum(Metric.QUEUE_JOINS, CONCERT)).isEqualTo(2);

    app.queueRound().run(CONCERT);
    assertThat(emitted.sum(Metric.PLACES_HANDED_OUT, CONCERT)).isEqualTo(2);
    assertThat(emitted.sum(Metric.USERS_ADMITTED, CONCERT)).isEqualTo(1);
    assertThat(emitted.last(Metric.USERS_WAITING, CONCERT)).contains(1.0);
    assertThat(emitted.last(Metric.ACTIVE_USERS, CONCERT)).contains(1.0);
    assertThat(emitted.last(Metric.QUEUE_STALLED_SECONDS, CONCERT)).contains(0.0);

    app.chargeBalance().charge("alice", IdempotencyKey.ofRequest("charge-1"), new ChargeRequest(500_000L));
    ReservationView held = app.reserveSeat().reserve("alice", ReserveRequest.of(CONCERT, DATE, 7), QueueTokenId.parse(alice))
        .reservation();
    app.reserveSeat().reserve("alice", ReserveRequest.of(CONCERT, DATE, 9, 10), QueueTokenId.parse(alice));
    assertThat(emitted.sum(Metric.HOLDS, CONCERT)).isEqualTo(2);
    assertThat(emitted.sum(Metric.SEATS_HELD, CONCERT)).isEqualTo(3);

    // Alice takes her time: Bob waits, nobody is admitted, the queue stands still.
    clock.advance(Duration.ofSeconds(200));
    app.queueRound().run(CONCERT);
    assertThat(emitted.sum(Metric.USERS_ADMITTED, CONCERT)).isEqualTo(1);
    assertThat(emitted.last(Metric.QUEUE_STALLED_SECONDS, CONCERT)).contains(200.0);

    app.payForReservation().pay("alice", QueueTokenId.parse(alice), new PaymentRequest(held.reservationId()));
    app.payForReservation().pay("alice", QueueTokenId.parse(alice), new PaymentRequest(held.reservationId()));  // a repeat
    assertThat(emitted.sum(Metric.PAYMENTS, CONCERT)).isEqualTo(1);
    assertThat(emitted.sum(Metric.SEATS_SOLD, CONCERT)).isEqualTo(1);
    assertThat(emitted.sum(Metric.REVENUE, CONCERT)).isEqualTo(held.price()).isPositive();
    assertThat(emitted.sum(Metric.HOLDS_RELEASED, CONCERT)).as("her other hold, given up by the payment").isEqualTo(1);
    assertThat(emitted.sum(Metric.SEATS_RELEASED, CONCERT)).isEqualTo(2);

    // Her payment ended her turn: the next round frees her slot for Bob, and the queue moves again.
    app.queueRound().run(CONCERT);
    assertThat(emitted.sum(Metric.SESSIONS_ENDED, CONCERT)).isEqualTo(1);
    assertThat(emitted.sum(Metric.USERS_ADMITTED, CONCERT)).isEqualTo(2);
    assertThat(emitted.last(Metric.USERS_WAITING, CONCERT)).contains(0.0);
    assertThat(emitted.last(Metric.QUEUE_STALLED_SECONDS, CONCERT)).contains(0.0);

    // Bob holds a seat and lets the hold run out.
    app.reserveSeat().reserve("bob", ReserveRequest.of(CONCERT, DATE, 8), QueueTokenId.parse(bob));
    clock.advance(Duration.ofSeconds(301));
    app.releaseExpiredHolds().release(CONCERT);
    assertThat(emitted.sum(Metric.HOLDS_EXPIRED, CONCERT)).isEqualTo(1);
    assertThat(emitted.sum(Metric.SEATS_RELEASED, CONCERT)).isEqualTo(3);

    assertThat(emitted.sum(Metric.STORAGE_THROTTLED, Optional.empty())).isZero();
    assertThat(emitted.documents()).allSatisfy(document -> assertThat(document.get("_aws").get("CloudWatchMetrics").get(0)
        .get("Namespace").asText()).isEqualTo(EmittedMetrics.NAMESPACE));
  }

  @Test
  void a_change_of_the_sale_state_counts_once_under_the_state_entered(TestTable table) {
    MutableClock clock = MutableClock.fromSystem();
    EmittedMetrics emitted = new EmittedMetrics();
    TestComponent app = TestApp.on(table, clock, Map.of(), emitted.metrics());
    TestComponent overlapping = TestApp.on(table, clock, Map.of(), emitted.metrics());
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));

    app.queueRound().run(CONCERT);
    overlapping.queueRound().run(CONCERT);  // an overlapping round finds the state already recorded
    app.queueRound().run(CONCERT);
    assertThat(changes(emitted, "OPEN")).isEqualTo(1);

    SaleControl control = app.saleControlStore().control(CONCERT);
    assertThat(app.saleControlStore().change(CONCERT, control, control.paused(true),
        new AuditEntry(clock.instant(), "test", "", "pause", "running", "paused"))).isTrue();
    overlapping.queueRound().run(CONCERT);
    app.queueRound().run(CONCERT);
    assertThat(changes(emitted, "PAUSED")).isEqualTo(1);
    assertThat(changes(emitted, "OPEN")).isEqualTo(1);
    assertThat(emitted.sum(Metric.SALE_STATE_CHANGES, CONCERT)).isEqualTo(2);
  }

  /** State changes of the concert counted under {@code SaleState} = {@code state}. */
  private static double changes(EmittedMetrics emitted, String state) {
    return emitted.documents().stream()
        .filter(d -> d.has(Metric.SALE_STATE_CHANGES.cloudWatchName()))
        .filter(d -> CONCERT.equals(d.path("ConcertId").asText(null)) && state.equals(d.path("SaleState").asText(null)))
        .mapToDouble(d -> d.get(Metric.SALE_STATE_CHANGES.cloudWatchName()).asDouble())
        .sum();
  }

  @Test
  void a_payment_and_a_hold_whose_answers_were_lost_count_once(TestTable healthy) {
    MutableClock clock = MutableClock.fromSystem();
    EmittedMetrics emitted = new EmittedMetrics();
    TestApp.on(healthy, clock).catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    try (FaultyStorage storage = new FaultyStorage(healthy)) {
      TestComponent app = TestApp.on(storage.table, clock, Map.of(), emitted.metrics());
      String token = Admitted.user(app, CONCERT, "alice");
      app.chargeBalance().charge("alice", IdempotencyKey.ofRequest("charge-1"), new ChargeRequest(500_000L));

      // The write is applied, its answer lost: the SDK's retry meets the hold, or the payment, already made.
      storage.faults.arm("TransactWriteItems", Fault.LOST_RESPONSE, 1, 1);
      ReservationView held = app.reserveSeat().reserve("alice", ReserveRequest.of(CONCERT, DATE, 7), QueueTokenId.parse(token))
          .reservation();
      storage.faults.arm("TransactWriteItems", Fault.LOST_RESPONSE, 1, 1);
      app.payForReservation().pay("alice", QueueTokenId.parse(token), new PaymentRequest(held.reservationId()));
      storage.faults.disarm();
      app.payForReservation().pay("alice", QueueTokenId.parse(token), new PaymentRequest(held.reservationId()));  // the client's repeat

      assertThat(storage.faults.injectedTotal()).isEqualTo(2);
      assertThat(emitted.sum(Metric.HOLDS, CONCERT)).isEqualTo(1);
      assertThat(emitted.sum(Metric.PAYMENTS, CONCERT)).isEqualTo(1);
      assertThat(emitted.sum(Metric.REVENUE, CONCERT)).isEqualTo(held.price());
    }
  }

  @Test
  void metrics_add_no_dynamodb_request(TestTable withMetrics, TestTable without) {
    RequestCounter counted = new RequestCounter();
    RequestCounter uncounted = new RequestCounter();
    EmittedMetrics emitted = new EmittedMetrics();
    // Two clocks that stand still between the sale's own moves: with one that runs, which requests a
    // second-long cache saves would depend on how fast this machine is, and the two runs could differ.
    MutableClock clock = new MutableClock(Instant.now());
    MutableClock sameClock = new MutableClock(clock.instant());

    sale(TestApp.on(withMetrics.through(counted), clock, Map.of("QUEUE_MAX_ACTIVE", "1"), emitted.metrics()), clock);
    sale(TestApp.on(without.through(uncounted), sameClock, Map.of("QUEUE_MAX_ACTIVE", "1"), Metrics.NONE), sameClock);

    assertThat(emitted.documents()).as("the sale was measured").hasSizeGreaterThan(5);
    assertThat(counted.byOperation()).isEqualTo(uncounted.byOperation());
  }

  /** Two users join, are placed and admitted in turn; the first holds, waits and pays, the second's hold runs out. */
  private static void sale(TestComponent app, MutableClock clock) {
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    String alice = app.joinQueue().join("alice", CONCERT).view().token();
    clock.advance(Duration.ofSeconds(1));  // a second apart: places keep their order
    String bob = app.joinQueue().join("bob", CONCERT).view().token();
    app.maintenance().runAll();
    app.chargeBalance().charge("alice", IdempotencyKey.ofRequest("charge-1"), new ChargeRequest(500_000L));
    String held = app.reserveSeat().reserve("alice", ReserveRequest.of(CONCERT, DATE, 7), QueueTokenId.parse(alice))
        .reservation().reservationId();
    clock.advance(Duration.ofSeconds(200));
    app.maintenance().runAll();
    app.payForReservation().pay("alice", QueueTokenId.parse(alice), new PaymentRequest(held));
    app.maintenance().runAll();
    app.reserveSeat().reserve("bob", ReserveRequest.of(CONCERT, DATE, 8), QueueTokenId.parse(bob));
    clock.advance(Duration.ofSeconds(301));
    app.maintenance().runAll();
  }
}
