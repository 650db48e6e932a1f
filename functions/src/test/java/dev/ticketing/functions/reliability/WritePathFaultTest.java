package dev.ticketing.functions.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.payment.PayHandler;
import dev.ticketing.functions.queue.JoinQueueHandler;
import dev.ticketing.functions.reservation.ReleaseReservationHandler;
import dev.ticketing.functions.reservation.ReserveSeatHandler;
import dev.ticketing.functions.wallet.ChargeBalanceHandler;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.invariants.Ledger;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.testing.faults.Fault;
import dev.ticketing.testing.faults.FaultyStorage;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every write path under each storage fault: first a fault the SDK's retries absorb, then one
 * that outlasts them (the client gets 503 with Retry-After and retries the same request).
 * Afterwards nothing was applied twice and nothing was lost.
 */
@ExtendWith(DynamoDbExtension.class)
class WritePathFaultTest {
  private static final String CONCERT = SmallCatalog.CONCERT;
  private static final int OUTLASTS_RETRIES = 1_000;
  /** Enough faulted calls to outlast our own bounded retries too (transaction conflicts). */
  private static final int OUTLASTING_CALLS = 10;
  private final ObjectMapper json = new ObjectMapper();
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");

  /** Faults injected by every test of this class, printed at the end for docs/reliability.md. */
  private static final Map<Fault, Integer> INJECTED = new java.util.concurrent.ConcurrentHashMap<>();

  /** Retries without the SDK's pauses: what a fault leaves behind depends on attempts, not on seconds. */
  private static FaultyStorage faulty(TestTable healthy) {
    return new FaultyStorage(healthy, FaultyStorage.Pauses.NONE) {
      @Override
      public void close() {
        faults.injected().forEach((fault, count) -> INJECTED.merge(fault, count, Integer::sum));
        super.close();
      }
    };
  }

  @org.junit.jupiter.api.AfterAll
  static void report() {
    System.out.println("faults injected: " + new java.util.TreeMap<>(INJECTED)
        + ", total " + INJECTED.values().stream().mapToInt(Integer::intValue).sum());
  }

  private JsonNode body(ApiGatewayResponse response) throws Exception {
    return json.readTree(response.body());
  }

  private static ApiGatewayRequest charge(String user, String key, long amount) {
    return ApiGatewayEvents.request("POST", "/users/me/balance/charges").user(user).header("Idempotency-Key", key)
        .body("{\"amount\":" + amount + "}").build();
  }

  private static ApiGatewayRequest join(String user) {
    return ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens").user(user).path("concertId", CONCERT).build();
  }

  private static void assertUnavailable(ApiGatewayResponse response) {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("retry-after", "1");
    assertThat(response.body()).contains("UNAVAILABLE").doesNotContain("Exception").doesNotContain("at dev.");
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void a_charge_applies_once_whatever_fails(Fault fault, TestTable healthy) throws Exception {
    try (FaultyStorage storage = faulty(healthy)) {
      HttpFunction handler = new ChargeBalanceHandler(TestApp.on(storage.table, clock));

      storage.faults.arm("TransactWriteItems", fault, 1, 1);
      ApiGatewayResponse absorbed = handler.respond(charge("alice", "k-1", 10_000));
      assertThat(absorbed.statusCode()).isEqualTo(200);
      assertThat(body(absorbed).get("chargedAmount").asLong()).isEqualTo(10_000);

      storage.faults.arm("TransactWriteItems", fault, OUTLASTS_RETRIES, OUTLASTING_CALLS);
      assertUnavailable(handler.respond(charge("alice", "k-2", 5_000)));
      storage.faults.disarm();
      ApiGatewayResponse retried = handler.respond(charge("alice", "k-2", 5_000));
      assertThat(retried.statusCode()).isEqualTo(200);
      assertThat(body(retried).get("chargedAmount").asLong()).isEqualTo(5_000);
      assertThat(body(retried).get("balance").asLong()).isEqualTo(15_000);
      assertThat(handler.respond(charge("alice", "k-1", 10_000)).statusCode()).isEqualTo(200);

      assertThat(storage.faults.injectedTotal()).isGreaterThan(1);
      assertThat(TestApp.on(healthy, clock).getBalance().of("alice").balance()).isEqualTo(15_000);
      assertThat(ledgerTotal(healthy, "alice")).isEqualTo(15_000);
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void a_join_keeps_one_token_whatever_fails(Fault fault, TestTable healthy) throws Exception {
    TestApp.on(healthy, clock).catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    try (FaultyStorage storage = faulty(healthy)) {
      HttpFunction handler = new JoinQueueHandler(TestApp.on(storage.table, clock));

      // A join reads the caller's token item with GetItem, takes its number with UpdateItem and
      // writes its token with one conditional PutItem; plain reads never meet a transaction conflict.
      List<String> operations = fault == Fault.TRANSACTION_CONFLICT ? List.of("UpdateItem", "PutItem")
          : List.of("GetItem", "UpdateItem", "PutItem");
      for (String operation : operations) {
        String user = "absorbed-" + operation;
        storage.faults.arm(operation, fault, 1, 1);
        ApiGatewayResponse first = handler.respond(join(user));
        assertThat(first.statusCode()).as(operation).isIn(200, 201);
        ApiGatewayResponse again = handler.respond(join(user));
        assertThat(body(again).get("token")).isEqualTo(body(first).get("token"));

        String unlucky = "outlasted-" + operation;
        storage.faults.arm(operation, fault, OUTLASTS_RETRIES, OUTLASTING_CALLS);
        assertUnavailable(handler.respond(join(unlucky)));
        storage.faults.disarm();
        ApiGatewayResponse retried = handler.respond(join(unlucky));
        assertThat(retried.statusCode()).isIn(200, 201);
        assertThat(body(handler.respond(join(unlucky))).get("token")).isEqualTo(body(retried).get("token"));
      }

      // One token per user, each admitted once. A join that failed after taking its number (or whose
      // number's answer was lost and retried) left a number without a token: admission passes over it
      // once the join's deadline is past, and it holds no slot.
      Map<String, Long> tokensPerUser = tokens(healthy).stream()
          .collect(java.util.stream.Collectors.groupingBy(t -> Items.string(t, "userId"), java.util.stream.Collectors.counting()));
      int users = 2 * operations.size();
      assertThat(tokensPerUser).hasSize(users).allSatisfy((user, count) -> assertThat(count).as(user).isEqualTo(1));
      TestComponent app = TestApp.on(healthy, clock);
      clock.advance(ArrivalNumber.STORED_WITHIN.plusSeconds(2));
      app.queueRound().run(CONCERT);
      QueueCounters counters = app.admissionStore().counters(CONCERT);
      assertThat(counters.admitted()).isEqualTo(counters.placedThrough());
      assertThat(counters.holdingSlots()).as("only real tokens hold slots").isEqualTo(users);
      assertThat(counters.ended()).as("every number without a token passed over").isEqualTo(counters.placedThrough() - users);
      assertThat(tokens(healthy)).allSatisfy(t -> assertThat(Items.string(t, "status")).isEqualTo("ACTIVE"));
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void admission_stays_fifo_and_bounded_whatever_fails(Fault fault, TestTable healthy) {
    Map<String, String> env = Map.of("QUEUE_MAX_ACTIVE", "3", "ACTIVE_TTL_SECONDS", "60");
    TestComponent app = TestApp.on(healthy, clock, env);
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    for (int i = 0; i < 12; i++) {
      app.joinQueue().join("fan-" + i, CONCERT);
    }
    try (FaultyStorage storage = faulty(healthy)) {
      TestComponent faulty = TestApp.on(storage.table, clock, env);
      for (int round = 0; round < 40 && app.admissionStore().counters(CONCERT).activatedThrough() < 12; round++) {
        String operation = List.of("UpdateItem", "TransactWriteItems", "GetItem", "Query", "PutItem").get(round % 5);
        storage.faults.arm(operation, fault, round == 1 || round == 6 ? OUTLASTS_RETRIES : 1, 1);
        try {
          faulty.queueRound().run(CONCERT);
        } catch (RuntimeException stoppedByTheFault) {
          // The scheduled run fails; EventBridge's next run continues.
        }
        storage.faults.disarm();
        long active = tokens(healthy).stream().filter(t -> "ACTIVE".equals(Items.string(t, "status")))
            .filter(t -> Items.number(t, "activeUntil") > clock.millis()).count();
        assertThat(active).as("ACTIVE after round %d", round).isLessThanOrEqualTo(3);
        if (round % 2 == 1) {
          clock.advance(Duration.ofSeconds(61));
        }
      }
      assertThat(storage.faults.injectedTotal()).isPositive();
    }
    QueueCounters counters = app.admissionStore().counters(CONCERT);
    assertThat(counters.activatedThrough()).isEqualTo(12);
    List<Long> activationOrder = tokens(healthy).stream()
        .sorted(java.util.Comparator.comparingLong(t -> Items.number(t, "place")))
        .map(t -> Items.number(t, "activatedAt")).toList();
    assertThat(activationOrder).isSorted();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void a_round_whose_ranges_failed_to_record_leaves_them_to_the_next_which_places_each_once_in_order(Fault fault,
      TestTable healthy) {
    Map<String, String> env = Map.of("QUEUE_MAX_ACTIVE", "3", "QUEUE_JOIN_SHARDS", "4");
    TestComponent app = TestApp.on(healthy, clock, env);
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    app.queueRound().run(CONCERT);  // records the sale OPEN and its empty draw, before anyone joins
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      joined.add(app.joinQueue().join("fan-" + i, CONCERT).view().token());
      clock.advance(Duration.ofSeconds(1));  // a second apart: places keep their order
    }
    try (FaultyStorage storage = faulty(healthy)) {
      TestComponent faulty = TestApp.on(storage.table, clock, env);
      // The round's one transaction of ranges and counters fails (or commits and loses its answer).
      storage.faults.arm("TransactWriteItems", fault, OUTLASTS_RETRIES, 1_000);
      try {
        faulty.queueRound().run(CONCERT);
      } catch (RuntimeException stoppedByTheFault) {
        // The scheduled run fails; the next one continues.
      }
      storage.faults.disarm();
      assertThat(storage.faults.injectedTotal()).isPositive();
    }
    QueueCounters stopped = app.admissionStore().counters(CONCERT);
    assertThat(stopped.placedThrough()).as("all or nothing").isIn(0L, 12L);
    // Nothing recorded, nobody admitted; or recorded (a lost answer: it committed), and admitted as usual.
    assertThat(stopped.admitted()).isEqualTo(stopped.placedThrough() == 0 ? 0 : 3);

    app.queueRound().run(CONCERT);
    clock.advance(Duration.ofSeconds(2));  // past the instance's copy of the shared state
    QueueState state = app.queueStateCache().state(CONCERT).orElseThrow();
    List<Long> places = joined.stream()
        .map(token -> app.gateStore().token(QueueTokenId.parse(token).orElseThrow()).orElseThrow())
        .map(token -> app.arrivalPlaces().placeOf(token, state).orElseThrow()).toList();
    assertThat(places).as("each placed once, in arrival order")
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 12).boxed().toList());
    QueueCounters finished = app.admissionStore().counters(CONCERT);
    assertThat(finished.placedThrough()).as("nobody placed twice").isEqualTo(12);
    assertThat(finished.admitted()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void a_draw_whose_chunk_failed_to_write_is_made_again_by_the_next_round_and_places_each_once_in_its_order(Fault fault,
      TestTable healthy) {
    String concert = SmallCatalog.PRE_QUEUE_CONCERT;
    int admitting = 3;
    Map<String, String> env = Map.of("QUEUE_MAX_ACTIVE", Integer.toString(admitting));
    TestComponent app = TestApp.on(healthy, clock, env);
    java.time.Instant opening = clock.instant().plus(Duration.ofMinutes(1));
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    app.queueRound().run(concert);  // UPCOMING: the shared state joins read
    Map<String, String> tokenByReceipt = new java.util.HashMap<>();
    for (int i = 0; i < 12; i++) {
      dev.ticketing.queue.state.QueueView view = app.joinQueue().join("early-" + i, concert).view();
      tokenByReceipt.put(view.receiptId(), view.token());
    }
    clock.set(opening.plus(dev.ticketing.queue.placement.PlaceArrivals.PRE_QUEUE_CUT_OFF));
    try (FaultyStorage storage = faulty(healthy)) {
      TestComponent faulty = TestApp.on(storage.table, clock, env);
      // The draw's chunk is the round's first PutItem: it fails (or commits and loses its answer).
      storage.faults.arm("PutItem", fault, OUTLASTS_RETRIES, 1_000);
      try {
        faulty.queueRound().run(concert);
      } catch (RuntimeException stoppedByTheFault) {
        // The scheduled run fails; the next one continues.
      }
      storage.faults.disarm();
      assertThat(storage.faults.injectedTotal()).isPositive();
    }
    assertThat(app.admissionStore().counters(concert).drawnCount()).as("not frozen without its chunk").isEmpty();

    app.queueRound().run(concert);
    clock.advance(Duration.ofSeconds(2));  // past the instance's copy of the shared state
    List<String> drawOrder = app.showDraw().page(concert, 0, 100).entries().stream()
        .map(dev.ticketing.sale.draw.Draw.Entry::receiptId).toList();
    assertThat(drawOrder).as("the whole pre-queue, each once").containsExactlyInAnyOrderElementsOf(tokenByReceipt.keySet());
    for (int i = 0; i < drawOrder.size(); i++) {
      String token = tokenByReceipt.get(drawOrder.get(i));
      dev.ticketing.queue.QueueToken stored = app.gateStore().token(QueueTokenId.parse(token).orElseThrow()).orElseThrow();
      dev.ticketing.queue.state.QueueView view = app.queueStatus().status(stored.userId(), QueueTokenId.parse(token));
      if (i < admitting) {
        assertThat(stored.place()).as("admitted in the draw's order").contains((long) i + 1);
      } else {
        assertThat(view.position()).as("the draw's entry %d", i + 1).isEqualTo((long) i + 1 - admitting);
      }
    }
    assertThat(app.admissionStore().counters(concert).placedThrough()).as("nobody placed twice").isEqualTo(12);
  }

  private static ApiGatewayRequest hold(String user, String token, int firstSeat) {
    // Orders of two seats: the transaction holds both, with the reservation and the ticket count.
    return ApiGatewayEvents.request("POST", "/reservations").user(user).header("X-Queue-Token", token)
        .body("{\"concertId\":\"" + SmallCatalog.CONCERT + "\",\"scheduleId\":\"" + SmallCatalog.SOON + "\",\"seatNos\":["
            + firstSeat + "," + (firstSeat + 1) + "]}")
        .build();
  }

  private static ApiGatewayRequest giveUp(String user, String reservationId) {
    return ApiGatewayEvents.request("DELETE", "/reservations/{reservationId}").user(user).path("reservationId", reservationId)
        .build();
  }

  private static ApiGatewayRequest pay(String user, String token, String reservationId) {
    return ApiGatewayEvents.request("POST", "/payments").user(user).header("X-Queue-Token", token)
        .body("{\"reservationId\":\"" + reservationId + "\"}").build();
  }

  private TestComponent shop(TestTable table) {
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "50"));
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    return app;
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void an_order_converges_to_one_reservation_whatever_fails(Fault fault, TestTable healthy) throws Exception {
    TestComponent app = shop(healthy);
    Map<String, String> tokens = Admitted.users(app, SmallCatalog.CONCERT, List.of("alice", "bob", "carol"), 3);
    try (FaultyStorage storage = faulty(healthy)) {
      HttpFunction handler = new ReserveSeatHandler(TestApp.on(storage.table, clock, Map.of("QUEUE_MAX_ACTIVE", "50")));

      storage.faults.arm("TransactWriteItems", fault, 1, 1);
      ApiGatewayResponse absorbed = handler.respond(hold("alice", tokens.get("alice"), 11));
      assertThat(absorbed.statusCode()).isIn(200, 201);
      ApiGatewayResponse repeated = handler.respond(hold("alice", tokens.get("alice"), 11));
      assertThat(repeated.statusCode()).isEqualTo(200);
      assertThat(body(repeated).get("reservationId")).isEqualTo(body(absorbed).get("reservationId"));

      storage.faults.arm("TransactWriteItems", fault, OUTLASTS_RETRIES, OUTLASTING_CALLS);
      assertUnavailable(handler.respond(hold("bob", tokens.get("bob"), 13)));
      storage.faults.disarm();
      ApiGatewayResponse retried = handler.respond(hold("bob", tokens.get("bob"), 13));
      assertThat(retried.statusCode()).isIn(200, 201);
      assertThat(body(handler.respond(hold("bob", tokens.get("bob"), 13))).get("reservationId"))
          .isEqualTo(body(retried).get("reservationId"));

      // The read of the token with the caller's ticket count, and a refused hold's read of the seats.
      storage.faults.arm("BatchGetItem", fault, 1, 2);
      assertThat(handler.respond(hold("carol", tokens.get("carol"), 12)).statusCode()).isEqualTo(409);
      if (fault != Fault.TRANSACTION_CONFLICT) {
        storage.faults.arm("BatchGetItem", fault, OUTLASTS_RETRIES, OUTLASTING_CALLS);
        assertUnavailable(handler.respond(hold("carol", tokens.get("carol"), 15)));
      }
      storage.faults.disarm();
      assertThat(handler.respond(hold("carol", tokens.get("carol"), 15)).statusCode()).isEqualTo(201);
      assertThat(storage.faults.injectedTotal()).isGreaterThan(1);
    }
    assertThat(reservations(healthy)).as("one reservation per held order").hasSize(3);
    assertThat(Ledger.violations(healthy, clock.instant())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void giving_up_a_hold_converges_whatever_fails(Fault fault, TestTable healthy) throws Exception {
    TestComponent app = shop(healthy);
    Map<String, String> tokens = Admitted.users(app, SmallCatalog.CONCERT, List.of("alice", "bob"), 2);
    Map<String, String> reservationOf = new java.util.HashMap<>();
    for (String user : List.of("alice", "bob")) {
      reservationOf.put(user, app.reserveSeat().reserve(user,
          ReserveRequest.of(SmallCatalog.CONCERT, SmallCatalog.SOON, user.equals("alice") ? 21 : 23, user.equals("alice") ? 22 : 24),
          QueueTokenId.parse(tokens.get(user))).reservation().reservationId());
    }
    try (FaultyStorage storage = faulty(healthy)) {
      HttpFunction handler = new ReleaseReservationHandler(TestApp.on(storage.table, clock));

      storage.faults.arm("TransactWriteItems", fault, 1, 1);
      assertThat(handler.respond(giveUp("alice", reservationOf.get("alice"))).statusCode()).isEqualTo(204);
      assertThat(handler.respond(giveUp("alice", reservationOf.get("alice"))).statusCode()).isEqualTo(204);

      storage.faults.arm("TransactWriteItems", fault, OUTLASTS_RETRIES, OUTLASTING_CALLS);
      assertUnavailable(handler.respond(giveUp("bob", reservationOf.get("bob"))));
      storage.faults.disarm();
      assertThat(handler.respond(giveUp("bob", reservationOf.get("bob"))).statusCode()).isEqualTo(204);
      assertThat(handler.respond(giveUp("bob", reservationOf.get("bob"))).statusCode()).isEqualTo(204);
      assertThat(storage.faults.injectedTotal()).isGreaterThan(1);
    }
    assertThat(reservations(healthy)).extracting(r -> Items.string(r, "status")).containsOnly("RELEASED");
    for (int seatNo = 21; seatNo <= 24; seatNo++) {
      assertThat(Items.string(ReservationTables.seat(healthy, SmallCatalog.CONCERT, SmallCatalog.SOON, seatNo), "status"))
          .isEqualTo("AVAILABLE");
    }
    assertThat(Ledger.violations(healthy, clock.instant())).isEmpty();
  }

  /**
   * The payment is one transaction; giving up the payer's other holds comes after it, at best:
   * when that fails, the payment stands, and the other hold runs out as any other.
   */
  @ParameterizedTest
  @EnumSource(Fault.class)
  void a_payment_stands_when_releasing_the_other_holds_fails(Fault fault, TestTable healthy) throws Exception {
    TestComponent app = shop(healthy);
    String token = Admitted.user(app, SmallCatalog.CONCERT, "alice");
    app.chargeBalance().charge("alice", IdempotencyKey.ofRequest("topup"), new ChargeRequest(500_000L));
    String paid = app.reserveSeat().reserve("alice", ReserveRequest.of(SmallCatalog.CONCERT, SmallCatalog.SOON, 35),
        QueueTokenId.parse(token)).reservation().reservationId();
    String other = app.reserveSeat().reserve("alice", ReserveRequest.of(SmallCatalog.CONCERT, SmallCatalog.SOON, 36, 37),
        QueueTokenId.parse(token)).reservation().reservationId();
    try (FaultyStorage storage = faulty(healthy)) {
      HttpFunction handler = new PayHandler(TestApp.on(storage.table, clock));
      // The payment's own transaction goes through; the release after it meets the fault.
      storage.faults.armAfter("TransactWriteItems", 1, fault, OUTLASTS_RETRIES, OUTLASTING_CALLS);
      ApiGatewayResponse response = handler.respond(pay("alice", token, paid));
      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(storage.faults.injectedTotal()).isPositive();
    }
    TestComponent check = TestApp.on(healthy, clock);
    assertThat(check.getBalance().of("alice").balance()).isEqualTo(500_000 - SmallCatalog.PRICE);
    assertThat(check.showReservation().show("alice", other).status()).isIn(ReservationStatus.HELD, ReservationStatus.RELEASED);
    assertThat(Ledger.violations(healthy, clock.instant())).isEmpty();

    clock.advance(Duration.ofMinutes(6));
    check.maintenance().runAll();
    for (int seatNo : List.of(36, 37)) {
      assertThat(Items.string(ReservationTables.seat(healthy, SmallCatalog.CONCERT, SmallCatalog.SOON, seatNo), "status"))
          .isEqualTo("AVAILABLE");
    }
    assertThat(check.showReservation().show("alice", other).status()).isIn(ReservationStatus.EXPIRED, ReservationStatus.RELEASED);
    assertThat(Ledger.violations(healthy, clock.instant())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void releasing_expired_holds_converges_whatever_fails(Fault fault, TestTable healthy) throws Exception {
    TestComponent app = shop(healthy);
    Map<String, String> tokens = Admitted.users(app, SmallCatalog.CONCERT, List.of("u1", "u2", "u3"), 3);
    for (int i = 1; i <= 3; i++) {
      app.reserveSeat().reserve("u" + i, ReserveRequest.of(SmallCatalog.CONCERT, SmallCatalog.SOON, 2 * i + 20, 2 * i + 21),
          QueueTokenId.parse(tokens.get("u" + i)));
    }
    clock.advance(Duration.ofMinutes(6));
    try (FaultyStorage storage = faulty(healthy)) {
      TestComponent faulty = TestApp.on(storage.table, clock);
      for (String operation : List.of("TransactWriteItems", "Query", "TransactWriteItems")) {
        storage.faults.arm(operation, fault, OUTLASTS_RETRIES, OUTLASTING_CALLS);
        try {
          faulty.releaseExpiredHolds().release(SmallCatalog.CONCERT);
        } catch (RuntimeException stoppedByTheFault) {
          // the scheduled run fails; the next one carries on
        }
        storage.faults.arm(operation, fault, 1, 2);
        faulty.releaseExpiredHolds().release(SmallCatalog.CONCERT);
        storage.faults.disarm();
      }
      assertThat(storage.faults.injectedTotal()).isPositive();
    }
    assertThat(reservations(healthy)).extracting(r -> Items.string(r, "status")).containsOnly("EXPIRED");
    assertThat(Ledger.violations(healthy, clock.instant())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void a_payment_charges_once_whatever_fails(Fault fault, TestTable healthy) throws Exception {
    TestComponent app = shop(healthy);
    Map<String, String> tokens = Admitted.users(app, SmallCatalog.CONCERT, List.of("alice", "bob"), 2);
    Map<String, String> reservationOf = new java.util.HashMap<>();
    for (String user : List.of("alice", "bob")) {
      app.chargeBalance().charge(user, IdempotencyKey.ofRequest("topup-" + user), new ChargeRequest(500_000L));
      reservationOf.put(user, app.reserveSeat().reserve(user,
          ReserveRequest.of(SmallCatalog.CONCERT, SmallCatalog.SOON, user.equals("alice") ? 31 : 32),
          QueueTokenId.parse(tokens.get(user))).reservation().reservationId());
    }
    try (FaultyStorage storage = faulty(healthy)) {
      HttpFunction handler = new PayHandler(TestApp.on(storage.table, clock));

      storage.faults.arm("TransactWriteItems", fault, 1, 1);
      ApiGatewayResponse absorbed = handler.respond(pay("alice", tokens.get("alice"), reservationOf.get("alice")));
      assertThat(absorbed.statusCode()).isIn(200, 201);
      ApiGatewayResponse repeated = handler.respond(pay("alice", tokens.get("alice"), reservationOf.get("alice")));
      assertThat(repeated.statusCode()).isEqualTo(200);
      assertThat(body(repeated).get("paymentId")).isEqualTo(body(absorbed).get("paymentId"));

      storage.faults.arm("TransactWriteItems", fault, OUTLASTS_RETRIES, OUTLASTING_CALLS);
      assertUnavailable(handler.respond(pay("bob", tokens.get("bob"), reservationOf.get("bob"))));
      storage.faults.disarm();
      ApiGatewayResponse retried = handler.respond(pay("bob", tokens.get("bob"), reservationOf.get("bob")));
      assertThat(retried.statusCode()).isIn(200, 201);
      assertThat(body(handler.respond(pay("bob", tokens.get("bob"), reservationOf.get("bob")))).get("paymentId"))
          .isEqualTo(body(retried).get("paymentId"));
    }
    TestComponent check = TestApp.on(healthy, clock);
    assertThat(check.getBalance().of("alice").balance()).isEqualTo(500_000 - SmallCatalog.PRICE);
    assertThat(check.getBalance().of("bob").balance()).isEqualTo(500_000 - SmallCatalog.PRICE);
    assertThat(Ledger.violations(healthy, clock.instant())).isEmpty();
  }

  private static List<Map<String, AttributeValue>> reservations(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true)
            .filterExpression("sk = :r").expressionAttributeValues(Map.of(":r", AttributeValue.fromS("RESERVATION"))))
        .items().stream().toList();
  }

  private static List<Map<String, AttributeValue>> tokens(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true)
            .filterExpression("sk = :token").expressionAttributeValues(Map.of(":token", AttributeValue.fromS("TOKEN"))))
        .items().stream().toList();
  }

  private static long ledgerTotal(TestTable table, String userId) {
    return table.client().queryPaginator(r -> r.tableName(table.name()).consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :charge)")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("USER#" + userId), ":charge", AttributeValue.fromS("CHARGE#"))))
        .items().stream().mapToLong(item -> Items.number(item, "amount")).sum();
  }
}
