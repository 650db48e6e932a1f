package dev.ticketing.bench.load;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Fixtures;
import dev.ticketing.bench.support.Report;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.config.Settings;
import dev.ticketing.local.LocalRuntime;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.storage.DynamoDbClients;
import dev.ticketing.testing.TestComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Throughput against the engine's own limit, in one run on one dynoxide: holds, joins and status
 * polls through the local HTTP runtime next to the same use cases called in-process on the same
 * stores (what HTTP, the event, the handler and Jackson cost), the journey of a sold seat, and poll
 * latency with a short and a very long queue. Every item is written by the product's own use cases.
 * All load goes to 127.0.0.1, every loop is bounded in time and count.
 */
public final class ThroughputBench {
  private static final String TABLE = "bench-load";
  private static final int CONCURRENCY = 8;
  private static final String QUEUE_CONCERT = "load-queue";
  private static final String POLL_CONCERT = "load-poll";
  /** Journey concerts have five dates, as the demo catalogue: the dates call reads 5 x 51 items. */
  private static final int JOURNEY_DATES = 5;
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern RESERVATION = Pattern.compile("\"reservationId\"\\s*:\\s*\"([^\"]+)\"");

  private final Report report;
  private final boolean quick;
  private final Duration phase;
  private final int rounds;
  private final int datesPerConcert;
  private final int longQueue;
  private final int journeyUsers;

  public ThroughputBench(Report report, boolean quick) {
    this.report = report;
    this.quick = quick;
    this.phase = Duration.ofSeconds(quick ? 4 : 15);
    this.rounds = quick ? 1 : 2;
    this.datesPerConcert = quick ? 8 : 40;
    this.longQueue = quick ? 10_000 : 100_000;
    this.journeyUsers = quick ? 200 : 1_600;
  }

  public void run() throws Exception {
    report.heading("3. Throughput against the engine's own limit");
    try (BenchEngine engine = BenchEngine.start()) {
      Map<String, String> env = new HashMap<>();
      env.put("DYNAMODB_ENDPOINT", engine.endpoint().toString());
      env.put("TABLE_NAME", TABLE);
      env.put("PORT", "0");
      env.put("QUEUE_MAX_ACTIVE", "1000000");
      env.put("ACTIVE_TTL_SECONDS", "86400");
      // The scheduled function is driven by the benchmark, not by the runtime's timer.
      env.put("SCHEDULER_INTERVAL_SECONDS", "86400");
      try (LocalRuntime runtime = LocalRuntime.start(env, false);
           DynamoDbClient client = DynamoDbClients.create(Settings.fromEnvironment(env))) {
        TestComponent app = BenchEngine.app(client, TABLE, Clock.systemUTC(), Map.of("QUEUE_MAX_ACTIVE", "1000000",
            "ACTIVE_TTL_SECONDS", "86400"));
        Http http = new Http(runtime.baseUri());
        report.progress("seeding %d concerts x %d dates x 50 seats", CONCURRENCY, datesPerConcert);
        List<String> concerts = IntStream.range(0, CONCURRENCY).mapToObj(i -> "load-" + i).toList();
        seed(app, concerts);
        reservationPath(app, http, concerts);
        journey(app, http, IntStream.range(0, CONCURRENCY).mapToObj(i -> "journey-" + i).toList());
        tokenIssue(app, http);
        statusPolls(app, http);
      }
    }
  }

  // ---- holds: HTTP runtime vs the same use case in-process ----

  /** Holds per user: MAX_TICKETS_PER_USER's default, so each user of the loops below makes this many. */
  private static final int HOLDS_PER_USER = 4;

  private void reservationPath(TestComponent app, Http http, List<String> concerts) throws Exception {
    // Each worker holds seats of its own concert: seats (date d, seat 1-49) in order, one seat per hold; seat 50 warms
    // up each date. A user may hold 4 seats of a concert, so holders take turns, 4 holds each; every holder is admitted
    // and has made a first gated request (a seat map) before the loops, so each hold takes the steady path.
    int seatsPerWorker = datesPerConcert * 49;
    int holdersPerWorker = turns(seatsPerWorker);
    int warmersPerWorker = turns(datesPerConcert);
    AtomicInteger[] nextSeat = new AtomicInteger[CONCURRENCY];
    List<List<String>> holders = new ArrayList<>();
    Map<String, String> tokens = new HashMap<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      nextSeat[w] = new AtomicInteger();
      String concert = concerts.get(w);
      report.progress("admitting %d holders of %s", holdersPerWorker + warmersPerWorker, concert);
      List<String> names = IntStream.range(0, holdersPerWorker + warmersPerWorker)
          .mapToObj(i -> "holder-" + concert + "-" + i).toList();
      tokens.putAll(Fixtures.admitted(app, concert, names, 4));
      names.forEach(user -> app.showSeatMap().show(user, concert, concert + "-d0", QueueTokenId.parse(tokens.get(user))));
      holders.add(names.subList(warmersPerWorker, names.size()));
      for (int d = 0; d < datesPerConcert; d++) {
        String warmer = names.get(d / HOLDS_PER_USER);
        http.post("/reservations", warmer, tokens.get(warmer), hold(concert, d, 50), 201);
      }
    }
    long cap = (long) seatsPerWorker * CONCURRENCY;
    List<ClosedLoop.Result> directHolds = new ArrayList<>();
    List<ClosedLoop.Result> httpHolds = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      report.progress("round %d: holds through the use case, holds over HTTP", round + 1);
      // Both loops take the workers' next seats in turn: each half of the seats goes one way.
      directHolds.add(ClosedLoop.run("direct-hold", CONCURRENCY, phase, cap / rounds / 2, w -> () -> {
        int i = nextSeat[w].getAndIncrement();
        if (i >= seatsPerWorker) {
          return false;
        }
        String user = holders.get(w).get(i / HOLDS_PER_USER);
        app.reserveSeat().reserve(user, new ReserveRequest(concerts.get(w), concerts.get(w) + "-d" + i / 49, List.of(1 + i % 49), null),
            QueueTokenId.parse(tokens.get(user)));
        return true;
      }));
      httpHolds.add(ClosedLoop.run("http-hold", CONCURRENCY, phase, cap / rounds / 2, w -> () -> {
        int i = nextSeat[w].getAndIncrement();
        if (i >= seatsPerWorker) {
          return false;
        }
        String user = holders.get(w).get(i / HOLDS_PER_USER);
        http.post("/reservations", user, tokens.get(user), hold(concerts.get(w), i / 49, 1 + i % 49), 201);
        return true;
      }));
    }
    report.line("Closed loops of %d concurrent workers for %d s each, %d round%s interleaved (use case, HTTP per round); "
            + "dynoxide, the runtime and the load generator share the machine's cores. Every hold is of one seat, by users "
            + "taking turns of 4 holds each (the ticket limit). **Use-case hold** calls `ReserveSeat` in-process on the "
            + "production stores; **HTTP hold** is `POST /reservations` through the local runtime (HTTP server, API Gateway "
            + "event, handler, Jackson, the same use case and requests).", CONCURRENCY, phase.toSeconds(),
        rounds, rounds == 1 ? "" : "s");
    report.blank();
    Report.Table table = report.table("load", "ops/s", "p50 (ms)", "p99 (ms)", "ops", "errors");
    for (int round = 0; round < rounds; round++) {
      for (ClosedLoop.Result r : List.of(directHolds.get(round), httpHolds.get(round))) {
        table.row(label(r) + (rounds > 1 ? " (round " + (round + 1) + ")" : ""), Report.f1(r.perSecond()), Report.f2(r.p50()),
            Report.f2(r.p99()), r.operations(), r.errors() + (r.firstError() == null ? "" : " " + r.firstError()));
      }
    }
    table.print();
    report.blank();
    report.line("**HTTP holds / use-case holds = %s** (the share of the use case's rate that survives the runtime, event, "
        + "handler and Jackson).", Report.f2(mean(httpHolds) / mean(directHolds)));
  }

  private static String label(ClosedLoop.Result r) {
    return switch (r.name()) {
      case "direct-hold" -> "hold through the use case (`ReserveSeat`, in-process)";
      case "http-hold" -> "HTTP hold (POST /reservations)";
      default -> r.name();
    };
  }

  private static double mean(List<ClosedLoop.Result> results) {
    return results.stream().mapToDouble(ClosedLoop.Result::perSecond).average().orElse(Double.NaN);
  }

  private static int turns(int holds) {
    return (holds + HOLDS_PER_USER - 1) / HOLDS_PER_USER;
  }

  private String hold(String concert, int date, int seat) {
    return "{\"concertId\":\"" + concert + "\",\"scheduleId\":\"" + concert + "-d" + date + "\",\"seatNos\":[" + seat + "]}";
  }

  // ---- the journey of a sold seat through HTTP ----

  private void journey(TestComponent app, Http http, List<String> concerts) throws Exception {
    boolean payments = http.routeExists("POST", "/payments");
    report.progress("admitting %d journey users", journeyUsers);
    List<List<String[]>> users = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      List<String> names = IntStream.range(0, journeyUsers / CONCURRENCY).mapToObj(i -> "traveller-" + i).toList();
      String concert = concerts.get(w);
      Map<String, String> tokens = Fixtures.admitted(app, concert, names.stream().map(n -> n + "-" + concert).toList(), 4);
      List<String[]> mine = new ArrayList<>();
      tokens.forEach((user, token) -> mine.add(new String[] {user, token}));
      users.add(mine);
    }
    AtomicInteger[] next = new AtomicInteger[CONCURRENCY];
    for (int w = 0; w < CONCURRENCY; w++) {
      next[w] = new AtomicInteger();
    }
    ClosedLoop.Result result = ClosedLoop.run("journey", CONCURRENCY, phase, journeyUsers, w -> () -> {
      int i = next[w].getAndIncrement();
      if (i >= users.get(w).size() || i >= JOURNEY_DATES * 49) {
        return false;
      }
      String user = users.get(w).get(i)[0];
      String token = users.get(w).get(i)[1];
      String concert = concerts.get(w);
      int date = i / 49;
      http.get("/concerts/" + concert + "/schedules", user, token, 200);
      http.get("/concerts/" + concert + "/schedules/" + concert + "-d" + date + "/seats", user, token, 200);
      String held = http.post("/reservations", user, token, hold(concert, date, 1 + i % 49), 201);
      http.post("/users/me/balance/charges", user, null, "{\"amount\":200000}", 200);
      Matcher id = RESERVATION.matcher(held);
      id.find();
      if (payments) {
        http.post("/payments", user, token, "{\"reservationId\":\"" + id.group(1) + "\"}", 201);
      }
      http.get("/reservations/" + id.group(1), user, null, 200);
      return true;
    });
    int steps = payments ? 6 : 5;
    report.subheading("The journey through HTTP");
    report.line("Each journey is a pre-admitted user's %s, one after another, on concerts of 5 dates, %d workers: %s journeys/s (%s HTTP requests/s), "
            + "p50 %s ms and p99 %s ms per journey, %d journeys, %d errors%s.%s",
        payments ? "dates, seat map, hold, charge, payment, reservation" : "dates (first gated request), seat map, hold, charge, reservation",
        CONCURRENCY, Report.f1(result.perSecond()), Report.f1(result.perSecond() * steps), Report.f1(result.p50()),
        Report.f1(result.p99()), result.operations(), result.errors(), result.firstError() == null ? "" : " (" + result.firstError() + ")",
        payments ? "" : " The payment step is not included: the payment endpoints were not merged when this ran.");
  }

  // ---- token issue ----

  private void tokenIssue(TestComponent app, Http http) throws Exception {
    AtomicLong users = new AtomicLong();
    List<ClosedLoop.Result> joins = new ArrayList<>();
    List<ClosedLoop.Result> directJoins = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      report.progress("round %d: joins over HTTP, joins through the use case", round + 1);
      joins.add(ClosedLoop.run("join", CONCURRENCY, phase, 1_000_000, w -> () -> {
        http.post("/concerts/" + QUEUE_CONCERT + "/queue/tokens", "joiner-" + users.incrementAndGet(), null, null, 201);
        return true;
      }));
      directJoins.add(ClosedLoop.run("direct-join", CONCURRENCY, phase, 1_000_000, w -> () -> {
        app.joinQueue().join("joiner-" + users.incrementAndGet(), QUEUE_CONCERT);
        return true;
      }));
    }
    report.subheading("Token issue");
    Report.Table table = report.table("load", "ops/s", "p50 (ms)", "p99 (ms)", "ops", "errors");
    for (int round = 0; round < rounds; round++) {
      ClosedLoop.Result j = joins.get(round);
      ClosedLoop.Result d = directJoins.get(round);
      table.row("POST /concerts/{id}/queue/tokens over HTTP (new users, one concert)", Report.f1(j.perSecond()), Report.f2(j.p50()),
          Report.f2(j.p99()), j.operations(), j.errors());
      table.row("`JoinQueue.join` in-process (new users, the same concert)", Report.f1(d.perSecond()), Report.f2(d.p50()),
          Report.f2(d.p99()), d.operations(), d.errors());
    }
    table.print();
    report.blank();
    report.line("A join writes only the caller's items: no item shared by other joiners, so on DynamoDB no partition bounds "
        + "its rate (docs/performance.md, \"Rush at scale\"). HTTP joins / use-case joins = %s.",
        Report.f2(mean(joins) / mean(directJoins)));
  }

  // ---- status polls with a short and a long queue ----

  private void statusPolls(TestComponent app, Http http) throws Exception {
    List<String> first = IntStream.range(0, 100).mapToObj(i -> "waiting-" + i).toList();
    Map<String, String> joined = Fixtures.joined(app, POLL_CONCERT, first, 4);
    List<String[]> waiting = new ArrayList<>();
    joined.forEach((user, token) -> waiting.add(new String[] {user, token}));
    ClosedLoop.Result shortHttp = polls(http, waiting, "poll-100");
    ClosedLoop.Result shortDirect = directPolls(app, waiting, "direct-poll-100");
    report.progress("joining %d more waiting users through the use case", longQueue - 100);
    long loadStarted = System.nanoTime();
    List<String> more = IntStream.range(0, longQueue - 100).mapToObj(i -> "bulk-" + i).toList();
    Fixtures.joined(app, POLL_CONCERT, more, CONCURRENCY).forEach((user, token) -> waiting.add(new String[] {user, token}));
    double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
    ClosedLoop.Result longHttp = polls(http, waiting, "poll-long");
    ClosedLoop.Result longDirect = directPolls(app, waiting, "direct-poll-long");

    report.subheading("Status polls: rate and latency, short and long queue");
    report.line("`GET /queue/status` over HTTP by %d workers for %d s, each poll a random waiting user's token, first with "
            + "100 users waiting, then with %,d (the %,d more joined through `JoinQueue.join` on %d threads, in %.0f s). "
            + "**Use-case** polls call `QueueStatus.status` in-process; the queue's shared state comes from each function "
            + "instance's memory.", CONCURRENCY, phase.toSeconds(), longQueue, longQueue - 100, CONCURRENCY, loadSeconds);
    report.blank();
    Report.Table table = report.table("load", "waiting users", "polls/s", "p50 (ms)", "p99 (ms)", "polls", "errors");
    for (ClosedLoop.Result r : List.of(shortHttp, longHttp, shortDirect, longDirect)) {
      table.row(r.name().startsWith("direct") ? "`QueueStatus.status` in-process" : "GET /queue/status over HTTP",
          r.name().endsWith("100") ? "100" : String.format("%,d", longQueue), Report.f1(r.perSecond()), Report.f2(r.p50()),
          Report.f2(r.p99()), r.operations(), r.errors());
    }
    table.print();
    report.blank();
    report.line("**Long / short queue over HTTP: p50 %s, p99 %s, rate %s** (1.00 = the queue's length does not matter); "
            + "use case: p50 %s, rate %s. HTTP polls / use-case polls: %s (short), %s (long).",
        Report.f2(longHttp.p50() / shortHttp.p50()), Report.f2(longHttp.p99() / shortHttp.p99()),
        Report.f2(longHttp.perSecond() / shortHttp.perSecond()), Report.f2(longDirect.p50() / shortDirect.p50()),
        Report.f2(longDirect.perSecond() / shortDirect.perSecond()), Report.f2(shortHttp.perSecond() / shortDirect.perSecond()),
        Report.f2(longHttp.perSecond() / longDirect.perSecond()));
  }

  private ClosedLoop.Result polls(Http http, List<String[]> waiting, String name) throws InterruptedException {
    return ClosedLoop.run(name, CONCURRENCY, phase, 2_000_000, w -> () -> {
      String[] user = waiting.get(ThreadLocalRandom.current().nextInt(waiting.size()));
      http.get("/queue/status", user[0], user[1], 200);
      return true;
    });
  }

  private ClosedLoop.Result directPolls(TestComponent app, List<String[]> waiting, String name) throws InterruptedException {
    return ClosedLoop.run(name, CONCURRENCY, phase, 2_000_000, w -> () -> {
      String[] user = waiting.get(ThreadLocalRandom.current().nextInt(waiting.size()));
      app.queueStatus().status(user[0], QueueTokenId.parse(user[1]));
      return true;
    });
  }

  private void seed(TestComponent app, List<String> concerts) throws Exception {
    List<Section> sections = List.of(new Section("R", 1, 50, 90_000));
    Instant base = Instant.now().plus(Duration.ofDays(30));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> seeded = new ArrayList<>();
      List<String> all = new ArrayList<>(concerts);
      IntStream.range(0, CONCURRENCY).forEach(i -> all.add("journey-" + i));
      all.add(QUEUE_CONCERT);
      all.add(POLL_CONCERT);
      for (String concert : all) {
        int dates = concerts.contains(concert) ? datesPerConcert : concert.startsWith("journey-") ? JOURNEY_DATES : 1;
        List<SeedSchedule> schedules = IntStream.range(0, dates).mapToObj(d -> {
          Instant startsAt = base.plus(Duration.ofDays(d));
          return new SeedSchedule(concert + "-d" + d, startsAt.atZone(ZoneOffset.UTC).toLocalDate(), startsAt);
        }).toList();
        SeedCatalog catalog = new SeedCatalog(List.of(new SeedConcert(concert, "Load " + concert, "Bench", "Loopback Hall",
            sections, schedules)));
        seeded.add(pool.submit(() -> app.catalogSeeder().seed(catalog)));
      }
      for (Future<?> f : seeded) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A small blocking HTTP client for 127.0.0.1 that checks statuses. */
  static final class Http {
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    Http(URI base) {
      if (!base.getHost().equals("127.0.0.1")) {
        throw new IllegalArgumentException("load goes to 127.0.0.1 only");
      }
      this.base = base;
    }

    String get(String path, String user, String token, int expected) throws Exception {
      return send(request(path, user, token).GET().build(), expected);
    }

    String post(String path, String user, String token, String body, int expected) throws Exception {
      HttpRequest.Builder builder = request(path, user, token).header("content-type", "application/json");
      return send(builder.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
          expected);
    }

    boolean routeExists(String method, String path) throws Exception {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path)).method(method,
          HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() != 404 || !response.body().contains("ROUTE_NOT_FOUND");
    }

    private HttpRequest.Builder request(String path, String user, String token) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
      if (user != null) {
        builder.header("X-User-Id", user);
      }
      if (token != null) {
        builder.header("X-Queue-Token", token);
      }
      return builder;
    }

    private String send(HttpRequest request, int expected) throws Exception {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(request.method() + " " + request.uri().getPath() + ": " + response.statusCode() + " "
            + response.body());
      }
      return response.body();
    }
  }

  static String tokenOf(String body) {
    Matcher m = TOKEN.matcher(body);
    return m.find() ? m.group(1) : null;
  }
}
