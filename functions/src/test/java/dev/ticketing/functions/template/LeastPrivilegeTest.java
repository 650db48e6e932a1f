package dev.ticketing.functions.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.priming.Primed;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.sale.Operator;
import dev.ticketing.sale.SaleChange;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import dev.ticketing.wiring.AppComponent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Each function's DynamoDB policy in template.yaml against the requests it really makes: every
 * function, on a graph of its own as in Lambda, runs its SnapStart priming (the requests its
 * stores register) and the requests of its endpoint (successes, repeats and refusals) against the
 * engine, and each request is checked with IAM's rules (action, table or index,
 * {@code dynamodb:LeadingKeys}). No request may be denied (a denied priming request would fail
 * the snapshot, and so the publication); no grant may go unused; and every grant on the table is
 * limited to the key prefixes the function touches. PrimingTest checks that priming writes nothing.
 */
@ExtendWith(DynamoDbExtension.class)
class LeastPrivilegeTest {
  private static final Path TEMPLATE = ProjectFiles.findUpwards(Path.of("template.yaml")).orElseThrow();
  private static final Map<String, String> ENV = Map.of("QUEUE_MAX_ACTIVE", "50");
  private final SamTemplate template = SamTemplate.load(TEMPLATE);
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
  private final ObjectMapper json = new ObjectMapper();
  private TestComponent setup;
  private TestTable table;

  @BeforeEach
  void seed(TestTable table) {
    this.table = table;
    this.setup = TestApp.on(table, clock, ENV);
    setup.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
  }

  @Test
  void every_function_is_allowed_what_it_does_and_nothing_more() throws Exception {
    Map<String, List<TableAccess>> accesses = new LinkedHashMap<>();
    for (FunctionDefinition function : template.functions()) {
      accesses.put(function.logicalId(), run(function));
    }

    List<String> problems = new ArrayList<>();
    accesses.forEach((function, made) -> {
      FunctionPolicy policy = FunctionPolicy.of(template, function);
      made.stream().filter(access -> !policy.allows(access)).distinct()
          .forEach(access -> problems.add(function + " is denied " + access));
      policy.grants().stream().filter(grant -> made.stream().noneMatch(grant::allows))
          .forEach(grant -> problems.add(function + " never uses " + grant));
      policy.grants().stream().filter(grant -> grant.resource().equals("table") && grant.pattern().isEmpty())
          .forEach(grant -> problems.add(function + " may reach any partition: " + grant));
    });
    assertThat(problems).isEmpty();
  }

  /** The evaluator itself: what a statement does not name (action, resource, leading key) is denied. */
  @Test
  void the_policy_check_refuses_what_a_policy_does_not_grant() {
    FunctionPolicy dates = FunctionPolicy.of(template, "ListBookableDatesFunction");
    assertThat(dates.allows(new TableAccess("dynamodb:GetItem", "table", "TOKEN#~priming"))).isTrue();
    assertThat(dates.allows(new TableAccess("dynamodb:Query", "table", "CONCERT#winter-gala"))).isTrue();
    assertThat(dates.allows(new TableAccess("dynamodb:GetItem", "table", "RESERVATION#~priming"))).as("another key").isFalse();
    assertThat(dates.allows(new TableAccess("dynamodb:BatchGetItem", "table", "TOKEN#~priming"))).as("another action").isFalse();
    assertThat(dates.allows(new TableAccess("dynamodb:Query", "index/gsi1", "CONCERT#winter-gala"))).as("the index").isFalse();
    FunctionPolicy join = FunctionPolicy.of(template, "JoinQueueFunction");
    assertThat(join.allows(new TableAccess("dynamodb:PutItem", "table", "TOKEN#winter-gala#owner"))).isTrue();
    assertThat(join.allows(new TableAccess("dynamodb:GetItem", "table", "USER#dave"))).as("no pointer to read").isFalse();
    assertThat(join.allows(new TableAccess("dynamodb:PutItem", "table", "USER#dave"))).as("no pointer to write").isFalse();
    FunctionPolicy concerts = FunctionPolicy.of(template, "ListConcertsFunction");
    assertThat(concerts.allows(new TableAccess("dynamodb:Query", "index/gsi1", "CONCERTS"))).isTrue();
    assertThat(concerts.allows(new TableAccess("dynamodb:Query", "table", "CONCERTS"))).as("the table").isFalse();
  }

  /** The function's priming, then its scenario; the DynamoDB accesses both made. */
  private List<TableAccess> run(FunctionDefinition function) throws Exception {
    List<TableAccess> made = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        made.addAll(TableAccess.of(context.request()));
      }
    };
    AppComponent app = TestApp.on(table.through(recorder), clock, ENV);
    Object handler = Class.forName(function.handlerClass()).getConstructor(AppComponent.class).newInstance(app);
    assertThat(((Primed) handler).priming().run()).as("%s's priming failures", function.logicalId()).isEmpty();
    scenario(function.logicalId(), (RequestStreamHandler) handler);
    assertThat(made).as("%s reaches DynamoDB", function.logicalId()).isNotEmpty();
    return made;
  }

  private void scenario(String function, RequestStreamHandler handler) throws Exception {
    String concert = SmallCatalog.CONCERT;
    switch (function) {
      case "ListConcertsFunction" -> expect(handler, ApiGatewayEvents.request("GET", "/concerts").build(), 200);
      case "JoinQueueFunction" -> {
        ApiGatewayRequest join = ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens").user("dave")
            .path("concertId", concert).build();
        expect(handler, join, 201);
        expect(handler, join, 200);
      }
      case "QueueStatusFunction" -> expect(handler, ApiGatewayEvents.request("GET", "/queue/status").user("alice")
          .header("X-Queue-Token", Admitted.user(setup, concert, "alice")).build(), 200);
      case "QueueBoardFunction" -> {
        Admitted.user(setup, concert, "bea");  // a round has published the queue's state
        expect(handler, ApiGatewayEvents.request("GET", "/concerts/{concertId}/queue").path("concertId", concert).build(), 200);
        expect(handler, ApiGatewayEvents.request("GET", "/concerts/{concertId}/queue").path("concertId", "no-such").build(), 404);
      }
      case "ShowDrawFunction" -> {
        Instant start = clock.instant();
        setup.catalogSeeder().seed(SmallCatalog.opening(start.plus(Duration.ofMinutes(1))));
        setup.joinQueue().join("kai", SmallCatalog.PRE_QUEUE_CONCERT);
        setup.joinQueue().join("lin", SmallCatalog.PRE_QUEUE_CONCERT);
        ApiGatewayRequest draw = ApiGatewayEvents.request("GET", "/concerts/{concertId}/queue/draw")
            .path("concertId", SmallCatalog.PRE_QUEUE_CONCERT).build();
        expect(handler, draw, 409);
        clock.advance(Duration.ofMinutes(2));
        setup.queueRound().run(SmallCatalog.PRE_QUEUE_CONCERT);
        expect(handler, draw, 200);
        expect(handler, ApiGatewayEvents.request("GET", "/concerts/{concertId}/queue/draw").path("concertId", "no-such").build(), 404);
        clock.set(start);
      }
      case "GetBalanceFunction" -> expect(handler, ApiGatewayEvents.request("GET", "/users/me/balance").user("alice").build(), 200);
      case "ChargeBalanceFunction" -> {
        ApiGatewayRequest charge = ApiGatewayEvents.request("POST", "/users/me/balance/charges").user("alice")
            .header("Idempotency-Key", "k-1").body("{\"amount\":1000}").build();
        expect(handler, charge, 200);
        expect(handler, charge, 200);
      }
      case "ListBookableDatesFunction" -> expect(handler, ApiGatewayEvents.request("GET", "/concerts/{concertId}/schedules")
          .user("bob").path("concertId", concert).header("X-Queue-Token", Admitted.user(setup, concert, "bob")).build(), 200);
      case "ShowSeatMapFunction" -> expect(handler, ApiGatewayEvents.request("GET", "/concerts/{concertId}/schedules/{scheduleId}/seats")
          .user("carol").path("concertId", concert).path("scheduleId", SmallCatalog.SOON)
          .header("X-Queue-Token", Admitted.user(setup, concert, "carol")).build(), 200);
      case "ReserveSeatFunction" -> {
        String token = Admitted.user(setup, concert, "erin");
        expect(handler, hold("erin", token, 3), 201);
        expect(handler, hold("erin", token, 3), 200);
        setup.reserveSeat().reserve("gina", ReserveRequest.of(concert, SmallCatalog.SOON, 4), QueueTokenId.parse(Admitted.user(setup, concert, "gina")));
        expect(handler, hold("erin", token, 4), 409);
        // A hold after one of the caller's ran out (5 min, within the 10 min turn) marks that one EXPIRED.
        clock.advance(Duration.ofSeconds(301));
        expect(handler, hold("erin", token, 10), 201);
      }
      case "ShowReservationFunction" -> {
        String id = setup.reserveSeat().reserve("hal", ReserveRequest.of(concert, SmallCatalog.SOON, 6),
            QueueTokenId.parse(Admitted.user(setup, concert, "hal"))).reservation().reservationId();
        expect(handler, ApiGatewayEvents.request("GET", "/reservations/{reservationId}").user("hal").path("reservationId", id).build(), 200);
      }
      case "ReleaseReservationFunction" -> {
        String id = setup.reserveSeat().reserve("iris", ReserveRequest.of(concert, SmallCatalog.SOON, 8, 9),
            QueueTokenId.parse(Admitted.user(setup, concert, "iris"))).reservation().reservationId();
        ApiGatewayRequest giveUp = ApiGatewayEvents.request("DELETE", "/reservations/{reservationId}").user("iris")
            .path("reservationId", id).build();
        expect(handler, giveUp, 204);
        expect(handler, giveUp, 204);
      }
      case "PayFunction" -> {
        String token = Admitted.user(setup, concert, "frank");
        String id = setup.reserveSeat().reserve("frank", ReserveRequest.of(concert, SmallCatalog.SOON, 7), QueueTokenId.parse(token))
            .reservation().reservationId();
        setup.chargeBalance().charge("frank", IdempotencyKey.chosen("k-1").orElseThrow(), new ChargeRequest(500_000L));
        ApiGatewayRequest pay = ApiGatewayEvents.request("POST", "/payments").user("frank").header("X-Queue-Token", token)
            .body("{\"reservationId\":\"" + id + "\"}").build();
        expect(handler, pay, 201);
        expect(handler, pay, 200);
      }
      case "ListPaymentsFunction" -> expect(handler, ApiGatewayEvents.request("GET", "/users/me/payments").user("frank").build(), 200);
      case "MaintenanceFunction" -> maintenance(handler);
      default -> throw new IllegalStateException("no scenario for " + function + ": add one");
    }
  }

  /**
   * Placement and admission as they meet storage: the counters of arrivals read and a second's range
   * recorded, an admission whose tokens a stopped run did not activate (found through the range and
   * the index of numbers), new arrivals to place, a pre-queue to draw; then, after the sessions and
   * holds ran out, the end of sessions and the release of holds.
   */
  private void maintenance(RequestStreamHandler handler) throws Exception {
    String concert = SmallCatalog.OTHER_CONCERT;
    setup.reserveSeat().reserve("kim", ReserveRequest.of(concert, SmallCatalog.OTHER, 1),
        QueueTokenId.parse(Admitted.user(setup, concert, "kim")));
    setup.joinQueue().join("jack", concert);
    clock.advance(Duration.ofSeconds(1).plus(setup.settings().placementSettle()));
    recordSecondsOver(concert);
    QueueCounters counters = setup.placementStore().counters(concert);
    setup.admissionStore().advanceAdmission(concert, counters.admitted(), counters.admitted() + 1,
        counters.rangedThrough().orElseThrow(), clock.instant(), Optional.empty(), true);

    clock.advance(Duration.ofSeconds(5));
    setup.joinQueue().join("ivy", concert);
    clock.advance(Duration.ofSeconds(1));
    // A pre-queue whose sale opened: the draw written, frozen and placed.
    Instant opening = clock.instant().plusSeconds(1);
    setup.catalogSeeder().seed(SmallCatalog.opening("c-4", opening));
    setup.joinQueue().join("mia", "c-4");
    setup.joinQueue().join("noa", "c-4");
    // A sale an operator closed while an admitted user held seats: the hold goes with the turn.
    String closing = SmallCatalog.CONCERT;
    setup.reserveSeat().reserve("ola", ReserveRequest.of(closing, SmallCatalog.SOON, 1),
        QueueTokenId.parse(Admitted.user(setup, closing, "ola")));
    setup.operateSale().apply(closing, new SaleChange.Close(), new Operator("ops", "test"));
    clock.advance(Duration.ofMinutes(1));

    schedule(handler);
    // A pre-queue join whose index entry reached the index only after the draw: a round in the
    // minutes after the opening makes it an arrival, with a number of its own.
    QueueToken late = QueueToken.joined(QueueTokenId.generate("c-4", "pia"), QueueToken.newReceiptId(), "pia",
        opening.minusMillis(1), Optional.empty());
    setup.joinStore().insert(late, Optional.empty(), List.of(), Optional.of(opening), Optional.empty());
    clock.advance(Duration.ofSeconds(2));
    schedule(handler);
    clock.advance(Duration.ofHours(1));
    schedule(handler);
  }

  /** Records the ranges of the concert's seconds that are over, as a placement run that stops right after it. */
  private void recordSecondsOver(String concert) {
    QueueCounters counters = setup.placementStore().counters(concert);
    long from = counters.rangedThrough().orElseThrow();
    long to = clock.instant().minus(setup.settings().placementSettle()).getEpochSecond() - 1;
    long base = counters.placedThrough();
    List<ArrivalRange> ranges = new ArrayList<>();
    for (Map.Entry<Long, long[]> second : setup.placementStore()
        .arrivalCounts(concert, from + 1, to, setup.settings().queueJoinShards()).entrySet()) {
      ranges.add(ArrivalRange.of(second.getKey(), base, second.getValue()));
      base = ranges.get(ranges.size() - 1).last();
    }
    assertThat(setup.placementStore().recordRanges(concert, from, to, counters.placedThrough(), ranges, new java.util.TreeMap<>()))
        .isTrue();
  }

  private static void schedule(RequestStreamHandler handler) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(TEMPLATE.resolveSibling("events/maintenance-schedule.json"))), out, null);
    assertThat(out.toString()).contains("ok");
  }

  private static ApiGatewayRequest hold(String user, String token, int seatNo) {
    return ApiGatewayEvents.request("POST", "/reservations").user(user).header("X-Queue-Token", token)
        .body("{\"concertId\":\"" + SmallCatalog.CONCERT + "\",\"scheduleId\":\"" + SmallCatalog.SOON + "\",\"seatNo\":" + seatNo + "}")
        .build();
  }

  private void expect(RequestStreamHandler handler, ApiGatewayRequest request, int status) {
    assertThat(((HttpFunction) handler).respond(request).statusCode()).as(request.routeKey()).isEqualTo(status);
  }
}
