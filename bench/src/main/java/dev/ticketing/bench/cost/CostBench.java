package dev.ticketing.bench.cost;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.CapacityMeter.Usage;
import dev.ticketing.bench.support.CapacityMeter;
import dev.ticketing.bench.support.Functions;
import dev.ticketing.bench.support.Lambda;
import dev.ticketing.bench.support.Report;
import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cost per call: every endpoint invoked once through its handler (as Lambda invokes it) against
 * dynoxide, with a client whose {@link CapacityMeter} asks for and sums the consumed capacity.
 * Then the journey of one sold seat, priced at on-demand rates.
 */
public final class CostBench {
  private static final String TABLE = "bench-cost";
  private static final String CONCERT = "winter-gala";
  private static final int ADMITTED = 10;

  private final Report report;
  /** What an idle deployment costs a month, eager and idle (printed after the table). */
  private String idleMonth;
  private final int pollsPerJourney;
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Usage> measured = new LinkedHashMap<>();

  /** One measured call, with the docs/design.md budget it is held to (if any). */
  record Row(String endpoint, String situation, Usage usage, String budget, Boolean withinBudget) {}

  public CostBench(Report report, int pollsPerJourney) {
    this.report = report;
    this.pollsPerJourney = pollsPerJourney;
  }

  public void run() {
    report.heading("1. DynamoDB cost per call");
    CapacityMeter meter = new CapacityMeter();
    MutableClock clock = MutableClock.fromSystem();
    try (BenchEngine engine = BenchEngine.start(); DynamoDbClient client = engine.client(meter)) {
      engine.createTable(TABLE);
      Map<String, String> env = Map.of("QUEUE_MAX_ACTIVE", "1000", "ACTIVE_TTL_SECONDS", "600");
      TestComponent app = BenchEngine.app(client, TABLE, clock, env);
      ObjectMapper json = app.objectMapper();
      SeedCatalog catalog = DemoCatalog.create(clock);
      app.catalogSeeder().seed(catalog);
      List<String> dates = catalog.concerts().get(0).schedules().stream().map(SeedCatalog.SeedSchedule::scheduleId).toList();
      Map<String, String> routes = Functions.handlersByRoute(engine.template());
      Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();
      routes.forEach((route, cls) -> handlers.put(route, Functions.instantiate(cls, app)));
      Caller call = new Caller(json, handlers, meter);

      call.measure("GET /concerts", "first page (20)", ApiGatewayEvents.request("GET", "/concerts").build(), 200, "—", null);

      // A round before anyone joins: what every round reads, whoever is waiting (the shards of the
      // index of new arrivals, the admitted index). It also writes the shared state's replicas.
      // The first round draws the sale's pre-queue (empty: the demo sales open at creation, so it reads
      // every pre-queue shard once) and writes the shared state's replicas; the second is what every
      // round of a queue in use reads.
      app.queueRound().run(CONCERT);
      clock.advance(Duration.ofSeconds(2));
      meter.reset();
      app.queueRound().run(CONCERT);
      Usage idleRound = meter.snapshot();
      rows.add(new Row("(scheduled) queue round", "nobody waiting, after the first round: what every round of a queue in use reads (QUEUE_JOIN_SHARDS Queries, twice within 10 minutes of the opening: the late pre-queue entries)", idleRound,
          "—", null));

      // Each function instance reads the queue's shared state at most once a second (a replica);
      // every other join and poll of that second reads only the caller's items.
      clock.advance(Duration.ofSeconds(1));
      ApiGatewayResponse bobJoined = call.measureResponse("POST /concerts/{concertId}/queue/tokens",
          "first new token of the second on the instance",
          ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens").user("bob").path("concertId", CONCERT).build(), 201,
          "—", null);
      ApiGatewayResponse joined = call.measureResponse("POST /concerts/{concertId}/queue/tokens", "new token",
          ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens").user("alice").path("concertId", CONCERT).build(), 201,
          "—", null);
      String alice = field(json, joined, "token");
      String bob = field(json, bobJoined, "token");
      call.measure("POST /concerts/{concertId}/queue/tokens", "repeat, live token",
          ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens").user("alice").path("concertId", CONCERT).build(), 200,
          "—", null);
      clock.advance(Duration.ofSeconds(1));
      call.measure("GET /queue/status", "first WAITING poll of the second on the instance",
          ApiGatewayEvents.request("GET", "/queue/status").user("alice").header("x-queue-token", alice).build(), 200,
          "1 + shared state once a second", u -> u.total() <= 2);
      Usage pollWaiting = call.measure("GET /queue/status", "WAITING",
          ApiGatewayEvents.request("GET", "/queue/status").user("alice").header("x-queue-token", alice).build(), 200, "1", u -> u.total() == 1).usage();
      measured.put("poll", pollWaiting);

      Map<String, String> tokens = new LinkedHashMap<>();
      tokens.put("alice", alice);
      for (int i = 1; i < ADMITTED; i++) {
        tokens.put("user-" + i, app.joinQueue().join("user-" + i, CONCERT).view().token());
      }
      // Placement takes arrivals at least QUEUE_PLACEMENT_SETTLE_SECONDS (3 s) old.
      clock.advance(Duration.ofSeconds(3));
      meter.reset();
      app.queueRound().run(CONCERT);
      Usage admission = meter.snapshot().minus(idleRound).divide(ADMITTED + 1);
      rows.add(new Row("(scheduled) queue round", "per user placed and admitted: a round of " + (ADMITTED + 1)
          + " less an idle round", admission, "—", null));
      measured.put("admission", admission);

      // bob's poll reads this second's shared state for the instance; alice's sees it cached.
      call.invoke(handlers.get("GET /queue/status"), ApiGatewayEvents.request("GET", "/queue/status").user("bob")
          .header("x-queue-token", bob).build());
      call.measure("GET /queue/status", "ACTIVE", ApiGatewayEvents.request("GET", "/queue/status").user("alice").header("x-queue-token", alice).build(), 200,
          "1", u -> u.total() == 1);
      String datesRoute = "GET /concerts/{concertId}/schedules";
      Usage datesFirst = call.measure(datesRoute, "first gated request of the token",
          ApiGatewayEvents.request("GET", "/concerts/{concertId}/schedules").user("alice").header("x-queue-token", alice).path("concertId", CONCERT).build(),
          200, "2 + first-use write", u -> u.total() <= 3 && u.writeRequests() <= 1).usage();
      measured.put("datesFirst", datesFirst);
      call.measure(datesRoute, "later", ApiGatewayEvents.request("GET", "/concerts/{concertId}/schedules").user("alice").header("x-queue-token", alice)
          .path("concertId", CONCERT).build(), 200, "2", u -> u.total() <= 2);
      Usage seats = call.measure("GET /concerts/{concertId}/schedules/{scheduleId}/seats", "later", seatMap(alice, "alice", dates.get(0)),
          200, "2", u -> u.total() <= 2).usage();
      measured.put("seats", seats);

      // Every hold below on one fresh instance: the first one finds its ScheduleTermsCache without the date.
      RequestStreamHandler coldReserve = Functions.instantiate(routes.get("POST /reservations"), BenchEngine.app(client, TABLE, clock, env));
      Predicate<Usage> holdBudget = u -> u.total() <= 3 && u.writeRequests() == 1;
      String date = dates.get(0);
      call.measureWith(coldReserve, "POST /reservations", "1 seat, date not yet seen by the instance (+1 Query)",
          hold("alice", alice, date, 1), 201, "≤ 3, one write", holdBudget);
      Usage hold = call.measureWith(coldReserve, "POST /reservations", "1 seat, date seen before (steady state)",
          hold("alice", alice, date, 2), 201, "≤ 3, one write", holdBudget).usage();
      measured.put("hold", hold);
      useOnce(call, handlers.get(datesRoute), tokens, "user-3", "user-4", "user-5", "user-6");
      ApiGatewayResponse fourSeats = call.measureWith(coldReserve, "POST /reservations", "4 seats, date seen before (steady state)",
          hold("user-3", tokens.get("user-3"), date, 5, 6, 7, 8), 201, "≤ 3, one write", holdBudget).response();
      ApiGatewayResponse bobHold = call.measureWith(coldReserve, "POST /reservations", "1 seat, first gated request of the token",
          hold("user-1", tokens.get("user-1"), date, 3), 201, "≤ 3 + first-use write",
          u -> u.total() <= 4 && u.writeRequests() == 2).response();
      String taken = field(json, bobHold, "reservationId");
      call.measureWith(coldReserve, "POST /reservations", "the same order again (a retry)", hold("user-1", tokens.get("user-1"), date, 3), 200,
          "≤ 3, no write", u -> u.total() <= 3 && u.writeRequests() == 0);
      useOnce(call, handlers.get(datesRoute), tokens, "user-2");
      call.measureWith(coldReserve, "POST /reservations", "seat already held (409)", hold("user-2", tokens.get("user-2"), date, 3), 409,
          "≤ 3", u -> u.total() <= 3);
      call.measureWith(coldReserve, "POST /reservations", "over the ticket limit (409)", hold("alice", alice, date, 9, 10, 11), 409,
          "≤ 3, no write", u -> u.total() <= 3 && u.writeRequests() == 0);
      call.measure("GET /reservations/{reservationId}", "own reservation", ApiGatewayEvents.request("GET", "/reservations/{reservationId}")
          .user("user-1").path("reservationId", taken).build(), 200, "—", null);
      if (handlers.containsKey("DELETE /reservations/{reservationId}")) {
        ApiGatewayResponse given = call.invoke(handlers.get("POST /reservations"), hold("user-2", tokens.get("user-2"), date, 12));
        String giveUp = field(json, given, "reservationId");
        call.measure("DELETE /reservations/{reservationId}", "a running hold of 1 seat", release("user-2", giveUp), 204, "—", null);
        call.measure("DELETE /reservations/{reservationId}", "repeated", release("user-2", giveUp), 204, "—", null);
      }

      call.measure("GET /users/me/balance", "", ApiGatewayEvents.request("GET", "/users/me/balance").user("alice").build(), 200, "—", null);
      Usage charge = call.measure("POST /users/me/balance/charges", "new Idempotency-Key", charge("alice", "k-1"), 200, "—", null).usage();
      measured.put("charge", charge);
      call.measure("POST /users/me/balance/charges", "repeated Idempotency-Key", charge("alice", "k-1"), 200, "—", null);

      if (handlers.containsKey("POST /payments")) {
        Predicate<Usage> payBudget = u -> u.total() <= 3 && u.requests().getOrDefault("TransactWriteItems", 0) == 1;
        for (String payer : List.of("user-3", "user-4", "user-5")) {
          app.chargeBalance().charge(payer, IdempotencyKey.ofRequest("cost-" + payer), new ChargeRequest(1_000_000L));
        }
        String single = field(json, call.invoke(handlers.get("POST /reservations"), hold("user-4", tokens.get("user-4"), date, 13)),
            "reservationId");
        Usage pay = call.measure("POST /payments", "1 seat, no other hold", payment("user-4", tokens.get("user-4"), single), 201,
            "≤ 3, one transaction", payBudget).usage();
        measured.put("pay", pay);
        call.measure("POST /payments", "4 seats, no other hold", payment("user-3", tokens.get("user-3"), field(json, fourSeats,
            "reservationId")), 201, "≤ 3, one transaction", payBudget);
        String first = field(json, call.invoke(handlers.get("POST /reservations"), hold("user-5", tokens.get("user-5"), date, 14)),
            "reservationId");
        call.invoke(handlers.get("POST /reservations"), hold("user-5", tokens.get("user-5"), date, 15, 16));
        call.measure("POST /payments", "1 seat, 1 other hold released after it", payment("user-5", tokens.get("user-5"), first), 201,
            "≤ 3 + 1 transaction per other hold (best effort)",
            u -> u.total() <= 4 && u.requests().getOrDefault("TransactWriteItems", 0) == 2);
        call.measure("POST /payments", "paid again with the token that paid (200)", payment("user-4", tokens.get("user-4"), single),
            200, "≤ 3", u -> u.total() <= 3);
      }
      if (handlers.containsKey("GET /users/me/payments")) {
        call.measure("GET /users/me/payments", "first page", ApiGatewayEvents.request("GET", "/users/me/payments").user("user-3").build(),
            200, "—", null);
      }

      // Sessions that are over, and holds that ran out, as the scheduled function settles them.
      clock.advance(Duration.ofMinutes(11));
      meter.reset();
      long sessionsEnded = app.queueRound().run(CONCERT).ended();
      Usage ending = meter.snapshot().minus(idleRound).divide(sessionsEnded);
      rows.add(new Row("(scheduled) end of sessions", "per session ended: a round that ends " + sessionsEnded
          + " less an idle round", ending, "—", null));
      measured.put("ending", ending);
      meter.reset();
      int released = 0;
      for (SeedCatalog.SeedConcert concert : catalog.concerts()) {
        released += app.releaseExpiredHolds().release(concert.concertId()).reservationsExpired();
      }
      Usage release = meter.snapshot();
      rows.add(new Row("(scheduled) release of expired holds", "per hold, " + released + " released, "
          + catalog.concerts().size() + " concerts queried", release.divide(Math.max(1, released)), "—", null));
      app.maintenance().runAll();  // the other concerts' first rounds: their (empty) draws
      clock.advance(Duration.ofSeconds(2));
      meter.reset();
      app.maintenance().runAll();
      Usage eager = meter.snapshot();
      rows.add(new Row("(scheduled) maintenance run", "nothing to do, 3 concerts", eager, "—", null));
      // An idle deployment's steady state: rounds go on every ADMISSION_ROUND_SECONDS, and each OPEN
      // queue reads the counters of arrivals of the seconds that passed (K keys a second).
      int idleRounds = 10;
      meter.reset();
      for (int round = 0; round < idleRounds; round++) {
        clock.advance(Duration.ofSeconds(2));
        app.maintenance().runAll();
      }
      Usage idle = meter.snapshot().divide(idleRounds);
      rows.add(new Row("(scheduled) maintenance run", "nothing to do, 3 concerts idle: mean of " + idleRounds + " rounds",
          idle, "—", null));
      double roundsPerMonth = 3600.0 / 2 * 730;  // a round every 2 s (ADMISSION_ROUND_SECONDS), 730 hours
      idleMonth = String.format(java.util.Locale.ROOT, "An idle deployment of these 3 concerts, a round every 2 s for a "
          + "month (%,.0f rounds): %s in DynamoDB reads for the first round's reads, %s for the idle rounds' "
          + "(sale states: %s).", roundsPerMonth,
          Report.money(Pricing.perMillionCalls(eager.readUnits(), eager.writeUnits()) * roundsPerMonth / 1e6),
          Report.money(Pricing.perMillionCalls(idle.readUnits(), idle.writeUnits()) * roundsPerMonth / 1e6),
          catalog.concerts().stream().map(c -> c.concertId() + " " + app.queueRound().run(c.concertId()).saleState())
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    printPerCall();
    printJourney();
  }

  private static ApiGatewayRequest seatMap(String token, String user, String scheduleId) {
    return ApiGatewayEvents.request("GET", "/concerts/{concertId}/schedules/{scheduleId}/seats").user(user).header("x-queue-token", token)
        .path("concertId", CONCERT).path("scheduleId", scheduleId).build();
  }

  private static ApiGatewayRequest hold(String user, String token, String scheduleId, Integer... seatNos) {
    return ApiGatewayEvents.request("POST", "/reservations").user(user).header("x-queue-token", token)
        .body("{\"concertId\":\"" + CONCERT + "\",\"scheduleId\":\"" + scheduleId + "\",\"seatNos\":"
            + java.util.Arrays.toString(seatNos).replace(" ", "") + "}").build();
  }

  private static ApiGatewayRequest release(String user, String reservationId) {
    return ApiGatewayEvents.request("DELETE", "/reservations/{reservationId}").user(user).path("reservationId", reservationId).build();
  }

  private static ApiGatewayRequest payment(String user, String token, String reservationId) {
    return ApiGatewayEvents.request("POST", "/payments").user(user).header("x-queue-token", token)
        .body("{\"reservationId\":\"" + reservationId + "\"}").build();
  }

  /** The users' first gated request (the dates), so what is measured next takes the steady path. */
  private static void useOnce(Caller call, RequestStreamHandler dates, Map<String, String> tokens, String... users) {
    for (String user : users) {
      call.invoke(dates, ApiGatewayEvents.request("GET", "/concerts/{concertId}/schedules").user(user)
          .header("x-queue-token", tokens.get(user)).path("concertId", CONCERT).build());
    }
  }

  private static ApiGatewayRequest charge(String user, String key) {
    return ApiGatewayEvents.request("POST", "/users/me/balance/charges").user(user).header("idempotency-key", key)
        .body("{\"amount\":500000}").build();
  }

  private static String field(ObjectMapper json, ApiGatewayResponse response, String name) {
    try {
      JsonNode node = json.readTree(response.body());
      return node.get(name).asText();
    } catch (Exception e) {
      throw new IllegalStateException("no " + name + " in " + response.body(), e);
    }
  }

  private final class Caller {
    private final ObjectMapper json;
    private final Map<String, RequestStreamHandler> handlers;
    private final CapacityMeter meter;

    Caller(ObjectMapper json, Map<String, RequestStreamHandler> handlers, CapacityMeter meter) {
      this.json = json;
      this.handlers = handlers;
      this.meter = meter;
    }

    record Measured(ApiGatewayResponse response, Usage usage) {}

    ApiGatewayResponse invoke(RequestStreamHandler handler, ApiGatewayRequest event) {
      return Lambda.invoke(json, handler, event);
    }

    Measured measure(String route, String situation, ApiGatewayRequest event, int status, String budget,
        Predicate<Usage> check) {
      return measureWith(handlers.get(route), route, situation, event, status, budget, check);
    }

    ApiGatewayResponse measureResponse(String route, String situation, ApiGatewayRequest event, int status, String budget,
        Predicate<Usage> check) {
      return measure(route, situation, event, status, budget, check).response();
    }

    Measured measureWith(RequestStreamHandler handler, String route, String situation, ApiGatewayRequest event, int status,
        String budget, Predicate<Usage> check) {
      meter.reset();
      ApiGatewayResponse response = invoke(handler, event);
      Usage usage = meter.snapshot();
      if (response.statusCode() != status) {
        throw new IllegalStateException(route + " (" + situation + "): expected " + status + ", got " + response.statusCode()
            + " " + response.body());
      }
      rows.add(new Row(route, situation + " → " + status, usage, budget, check == null ? null : check.test(usage)));
      return new Measured(response, usage);
    }
  }

  private void printPerCall() {
    report.line("Each call goes through its handler exactly as Lambda invokes it (JSON event in, JSON response out) against "
        + "dynoxide, with a benchmark-only SDK interceptor that sets `ReturnConsumedCapacity=TOTAL` and sums the "
        + "`ConsumedCapacity` the responses report (dynoxide's figures: 4 KB read units, half for eventually consistent "
        + "reads, 1 KB write units, transactions twice, GSI writes included). Requests count every attempt sent. "
        + "Prices: " + Pricing.REGION + ", " + Pricing.AS_OF + ": $" + Pricing.USD_PER_MILLION_RRU
        + " per million read request units, $" + Pricing.USD_PER_MILLION_WRU + " per million write request units; "
        + "they may be out of date.");
    report.blank();
    Report.Table table = report.table("endpoint", "situation", "requests", "read units", "write units",
        "$ per 1M calls", "budget (docs/design.md)", "within");
    for (Row row : rows) {
      Usage u = row.usage();
      boolean perUnit = row.endpoint().startsWith("(scheduled)") && !row.situation().startsWith("nothing");
      table.row(row.endpoint(), row.situation(), (perUnit ? "per unit: " : "") + u.describe()
              + (u.failed() > 0 ? " (" + u.failed() + " refused)" : ""),
          Report.f2(u.readUnits()), Report.f2(u.writeUnits()), Report.money(Pricing.perMillionCalls(u.readUnits(), u.writeUnits())),
          row.budget(), row.withinBudget() == null ? "" : row.withinBudget() ? "yes" : "**NO**");
    }
    table.print();
    report.blank();
    report.line("Refused conditional writes (the 409 hold, a repeated charge's transaction) report no capacity on "
        + "dynoxide; on AWS a refused write still consumes its write units. A hold's transaction writes every seat, the "
        + "reservation and the holder's ticket count (so 4 seats cost more write units than 1, in the same one request); "
        + "a payment's transaction confirms the reservation, sells every seat, moves them in the ticket count, debits the "
        + "balance, records the payment and spends the token.");
    if (idleMonth != null) {
      report.blank();
      report.line(idleMonth);
    }
  }

  private void printJourney() {
    report.subheading("One sold seat, end to end");
    List<String[]> steps = new ArrayList<>();
    double reads = 0;
    double writes = 0;
    Object[][] parts = {
        {"join the queue (new token)", find("POST /concerts/{concertId}/queue/tokens", "new token"), 1},
        {"status polls while waiting (N = " + pollsPerJourney + ")", measured.get("poll"), pollsPerJourney},
        {"status poll that sees ACTIVE", find("GET /queue/status", "ACTIVE"), 1},
        {"admission (scheduled, per user)", measured.get("admission"), 1},
        {"dates (first gated request)", measured.get("datesFirst"), 1},
        {"seat map", measured.get("seats"), 1},
        {"hold of 1 seat (date already seen by the instance)", measured.get("hold"), 1},
        {"charge the balance", measured.get("charge"), 1},
        {"pay for 1 seat", measured.get("pay"), 1},
        {"end of the session (scheduled, per user)", measured.get("ending"), 1},
    };
    Report.Table table = report.table("step", "times", "read units", "write units");
    for (Object[] part : parts) {
      Usage usage = (Usage) part[1];
      int times = (Integer) part[2];
      if (usage == null) {
        table.row(part[0], times, "not measured", "(payments not merged yet)");
        continue;
      }
      reads += usage.readUnits() * times;
      writes += usage.writeUnits() * times;
      table.row(part[0], times, Report.f2(usage.readUnits() * times), Report.f2(usage.writeUnits() * times));
    }
    table.row("**total**", "", "**" + Report.f2(reads) + "**", "**" + Report.f2(writes) + "**");
    table.print();
    report.blank();
    double perMillion = Pricing.perMillionCalls(reads, writes);
    Usage poll = measured.get("poll");
    report.line("On-demand cost of **one million sold seats**: **%s** (%s reads + %s writes)%s. Each further status poll per "
            + "user adds %s per million users; the polls above are %.0f%% of the total.",
        Report.money(perMillion), Report.money(reads * Pricing.USD_PER_MILLION_RRU), Report.money(writes * Pricing.USD_PER_MILLION_WRU),
        measured.containsKey("pay") ? "" : ", **without the payment step** (not merged when this ran)",
        Report.money(Pricing.perMillionCalls(poll.readUnits(), poll.writeUnits())),
        100 * Pricing.perMillionCalls(poll.readUnits() * pollsPerJourney, 0) / perMillion);
    report.line("DynamoDB only: Lambda, API Gateway and data transfer are not included.");
  }

  private Usage find(String endpoint, String situationPrefix) {
    return rows.stream().filter(r -> r.endpoint().equals(endpoint) && r.situation().startsWith(situationPrefix))
        .findFirst().map(Row::usage).orElseThrow();
  }
}
