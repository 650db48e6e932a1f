package dev.ticketing.bench.rush;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Report;
import dev.ticketing.engine.SamTemplate;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 12's measurements of the queue under a rush, every queue design side by side in one run
 * (section {@code rush}, "Rush at scale"):
 * <ol>
 *   <li>Heat per item: joins offered open loop at several rates, then several numbers of pollers
 *       polling back to back, maintenance rounds every ADMISSION_ROUND_SECONDS; {@link HeatMeter}
 *       finds the hottest base partition, item and index partition of each point; growth figures on
 *       achieved rates; last line {@code rush-heat: joins-growth=<x> polls-growth=<y>}.
 *   <li>Under {@link ScaledThrottle}: joins at 20x the scaled per-partition write limit plus 1,000
 *       pollers; share of joins that succeeded, time from join to place, order inversions; last line
 *       {@code rush-throttled: joins-ok=<pct> placed-p99=<s>s placed-max=<s>s inversions=<n>}.
 *   <li>The all-in cost of a rush of a million users ({@link RushCost}).
 * </ol>
 * One dynoxide per design and part on 127.0.0.1, every load bounded in time and count.
 */
public final class RushHeatBench {
  private static final double[] JOIN_RATES = {20, 50, 100, 200};
  private static final int[] POLLERS = {100, 500, 1_000};
  private static final double THROTTLE_SCALE = 0.01;
  private static final int THROTTLED_POLLERS = 1_000;
  /** Joins offered under the throttle: this many times one partition's scaled write limit per second. */
  private static final int THROTTLED_JOIN_FACTOR = 20;
  private static final double VALID_SHARE = 0.95;

  private final Report report;
  private final boolean quick;
  private final List<QueueDesign> designs;
  private final Duration warmUp;
  private final Duration window;
  private final Duration throttledLength;
  private final Duration drain;
  private final int calibrationJoins;
  private final int calibrationPolls;
  private final SamTemplate template = SamTemplate.locate();

  public RushHeatBench(Report report, boolean quick) {
    this(report, quick, List.of(new NewQueueDesign(), new LegacyQueueDesign()));
  }

  /** With other designs, e.g. an experiment beside the two: the report names each by {@link QueueDesign#name()}. */
  RushHeatBench(Report report, boolean quick, List<QueueDesign> designs) {
    this.report = report;
    this.quick = quick;
    this.designs = List.copyOf(designs);
    this.warmUp = Duration.ofSeconds(quick ? 1 : 2);
    this.window = Duration.ofSeconds(quick ? 5 : 15);
    this.throttledLength = Duration.ofSeconds(quick ? 20 : 60);
    this.drain = Duration.ofSeconds(quick ? 15 : 30);
    this.calibrationJoins = quick ? 40 : 100;
    this.calibrationPolls = quick ? 120 : 300;
  }

  /** One measured point of the heat sweep. */
  record HeatPoint(double offeredJoins, int pollers, double joinsPerSecond, double pollsPerSecond, boolean valid,
      HeatMeter.Window window, int joinInstances, int pollInstances, long joinErrors, long pollErrors, String firstError,
      String loadAverage) {}

  /** What a design costs per call on an idle machine, measured before its heat points. */
  record Calibration(HeatMeter.Calls join, HeatMeter.Calls poll) {
    RushLoad.HandlerTimes handlerTimes() {
      return new RushLoad.HandlerTimes(join.meanMillis() / 1000, poll.meanMillis() / 1000);
    }

    RushCost.Call joinCost() {
      return new RushCost.Call(join.requestsPerCall(), join.readUnitsPerCall(), join.writeUnitsPerCall(), join.meanMillis());
    }

    RushCost.Call pollCost() {
      return new RushCost.Call(poll.requestsPerCall(), poll.readUnitsPerCall(), poll.writeUnitsPerCall(), poll.meanMillis());
    }
  }

  /** Growth of one key space's hottest key between the lowest and the highest valid achieved rate. */
  record Growth(double figure, double elasticity, HeatMeter.Hot low, HeatMeter.Hot high, double lowRate, double highRate) {}

  record Throttled(long offered, double offeredPerSecond, long ok, Map<String, Long> failures, double startLagP99, double joinP50,
      double joinP99,
      Placements.Summary placement, long pollsOk, long pollsFailed, double pollSeconds, Map<String, ScaledThrottle.Attempts> attempts,
      long rounds, long roundsFailed, String firstRoundError, String loadAverage) {
    double okPercent() {
      return offered == 0 ? Double.NaN : 100.0 * ok / offered;
    }
  }

  public void run() throws Exception {
    report.heading("Rush at scale");
    report.line("Issue 12's three measurements, for each queue design in the same run: %s (the legacy one is a model of the "
            + "queue's storage requests before issue 12, `bench/.../rush/LegacyQueueDesign`, kept for contrast). Each design runs "
            + "on its own dynoxide (127.0.0.1) with a fresh table per point, made from template.yaml, and the functions' "
            + "environment from template.yaml. Calls go to the designs' use cases directly (no HTTP), through a client "
            + "configured as production's (`DynamoDbClients`: URL-connection, 3 s per attempt, 8 s per call, the SDK's "
            + "DynamoDB retries). Function instances are modelled as request rate x handler time (Little's law), the handler "
            + "time measured first with one call at a time, at least one instance per function; each instance has its own object "
            + "graph and caches, and requests are spread over them at random. Maintenance rounds run every "
            + "ADMISSION_ROUND_SECONDS on their own instance.%s",
        String.join(", ", designs.stream().map(d -> "**" + d.name() + "**").toList()),
        quick ? " **--quick: short windows, not for the record.**" : "");
    Map<QueueDesign, Calibration> calibrations = new LinkedHashMap<>();
    Map<QueueDesign, List<HeatPoint>> heat = new LinkedHashMap<>();
    List<QueueDesign> missing = new ArrayList<>();

    report.subheading("Heat per item");
    for (QueueDesign design : designs) {
      try {
        heat(design, calibrations, heat);
      } catch (UnsupportedOperationException e) {
        missing.add(design);
        report.progress("%s: missing (%s)", design.name(), e.getMessage());
      }
    }
    printHeat(heat, calibrations, missing);

    report.subheading("Under scaled throttling");
    Map<QueueDesign, Throttled> throttled = new LinkedHashMap<>();
    for (QueueDesign design : heat.keySet()) {
      throttled.put(design, throttled(design, calibrations.get(design).handlerTimes()));
    }
    printThrottled(throttled, missing);

    report.subheading("All-in cost of a rush");
    RushCost.Design before = RushCost.legacyRecorded();
    RushCost.Design after = RushCost.newEstimated();
    for (Map.Entry<QueueDesign, Calibration> c : calibrations.entrySet()) {
      if (c.getKey() instanceof LegacyQueueDesign) {
        before = before.withMeasured(c.getValue().joinCost(), c.getValue().pollCost(),
            "join and poll measured in this run (one call at a time); per-user admission and idle rounds from docs/performance.md");
      } else {
        after = after.withMeasured(c.getValue().joinCost(), c.getValue().pollCost(),
            "join and poll measured in this run (one call at a time); placement, admission and rounds ESTIMATED from the design draft");
      }
    }
    RushCost.print(report, RushScenario.Crowd.standard(), List.of(before, after), lambda(template));
  }

  // ---- 1. heat ----

  private void heat(QueueDesign design, Map<QueueDesign, Calibration> calibrations, Map<QueueDesign, List<HeatPoint>> heat)
      throws Exception {
    try (BenchEngine engine = BenchEngine.start()) {
      IndexShadow shadow = new IndexShadow();
      HeatMeter meter = new HeatMeter(shadow);
      try (DynamoDbClient client = client(engine.endpoint(), shadow, meter)) {
        Calibration calibration = calibrate(design, engine, client, meter);
        calibrations.put(design, calibration);
        report.progress("%s: handler time, one call at a time: join %.2f ms, poll %.2f ms", design.name(),
            calibration.join().meanMillis(), calibration.poll().meanMillis());
        List<HeatPoint> points = new ArrayList<>();
        int id = 0;
        for (double rate : JOIN_RATES) {
          points.add(heatPoint(design, engine, client, meter, calibration, "h" + id++, rate, 0));
        }
        for (int pollers : POLLERS) {
          points.add(heatPoint(design, engine, client, meter, calibration, "h" + id++, 0, pollers));
        }
        heat.put(design, points);
      }
    }
  }

  private Calibration calibrate(QueueDesign design, BenchEngine engine, DynamoDbClient client, HeatMeter meter) {
    QueueDesign.Stage stage = stage(engine, "calibration");
    design.prepare(stage, client);
    QueueDesign.FunctionInstance instance = design.newInstance(stage, client);
    List<RushLoad.User> users = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String user = "warm-" + i;
      users.add(new RushLoad.User(user, instance.join(user).token()));
      instance.poll(user, users.get(i).token());
    }
    meter.clear();
    long from = nextSecond();
    sleepUntilSecond(from);
    for (int i = 0; i < calibrationJoins; i++) {
      String user = "calibration-" + i;
      users.add(new RushLoad.User(user, meter.measure("join", () -> instance.join(user)).token()));
    }
    for (int i = 0; i < calibrationPolls; i++) {
      RushLoad.User user = users.get(i % users.size());
      meter.measure("poll", () -> instance.poll(user.userId(), user.token()));
    }
    long to = System.currentTimeMillis() / 1000 + 1;
    sleepUntilSecond(to);
    HeatMeter.Window w = meter.window(from, to);
    meter.clear();
    return new Calibration(w.calls("join"), w.calls("poll"));
  }

  private HeatPoint heatPoint(QueueDesign design, BenchEngine engine, DynamoDbClient client, HeatMeter meter,
      Calibration calibration, String id, double joinRate, int pollers) throws Exception {
    report.progress("%s: %.0f joins/s offered, %d pollers", design.name(), joinRate, pollers);
    QueueDesign.Stage stage = stage(engine, id);
    meter.measure("setup", () -> design.prepare(stage, client));
    try (RushLoad load = new RushLoad(design, stage, client, meter::measure, calibration.handlerTimes())) {
      List<RushLoad.User> users = load.joinUpFront("p" + id + "-", pollers, 8);
      load.startMaintenance(roundPeriod(stage), () -> { });
      load.startPollers(users, false);
      if (joinRate > 0) {
        load.startJoins(joinRate, "j" + id + "-", 64, warmUp.plus(window).plusSeconds(2));
      }
      long from = (System.currentTimeMillis() + warmUp.toMillis()) / 1000 + 1;
      long to = from + window.toSeconds();
      sleepUntilSecond(to);
      load.stopJoins(Duration.ofSeconds(10));
      load.stopPollers(Duration.ofSeconds(10));
      load.stopMaintenance();
      HeatMeter.Window w = meter.window(from, to);
      meter.clear();
      double joins = w.calls("join").succeeded() / (double) w.seconds();
      double polls = w.calls("poll").succeeded() / (double) w.seconds();
      boolean valid = joins >= VALID_SHARE * joinRate;
      String firstError = load.joins().stream().filter(j -> !j.ok()).map(RushLoad.JoinRecord::error).findFirst()
          .orElse(load.firstPollError());
      return new HeatPoint(joinRate, pollers, joins, polls, valid, w, load.joinInstances(), load.pollInstances(),
          w.calls("join").failed(), w.calls("poll").failed(), firstError, loadAverage());
    }
  }

  private void printHeat(Map<QueueDesign, List<HeatPoint>> heat, Map<QueueDesign, Calibration> calibrations, List<QueueDesign> missing) {
    report.line("Joins offered open loop for %d s (after %d s of warm-up) at each rate with no pollers; then %s pollers, each "
            + "polling its own token back to back (their tokens joined before the window), with no joins: on 2 shared cores "
            + "pollers that poll as fast as they can take every core, and joins offered beside them would be starved by the "
            + "load generator, not by the design. Counted per "
            + "one-second bucket by `HeatMeter`: requests (attempts sent) and capacity units (dynoxide's account, "
            + "`ReturnConsumedCapacity=INDEXES`) per base-table partition key, per item and per gsi1 partition (a write "
            + "counts on the index partitions it leaves and enters). Rates are achieved ones; a point below %.0f%% of its "
            + "offered join rate is invalid and left out of the growth figures. Keys are shortened so that no token secret "
            + "is printed. Load average: the machine's 1-minute load average at the end of the point (this machine has 2 cores; "
            + "more than 2 means other work competed with the measurement).",
        window.toSeconds(), warmUp.toSeconds(), joined(POLLERS), VALID_SHARE * 100);
    report.blank();
    for (Map.Entry<QueueDesign, Calibration> c : calibrations.entrySet()) {
      HeatMeter.Calls join = c.getValue().join();
      HeatMeter.Calls poll = c.getValue().poll();
      report.line("- %s, one call at a time: a join %.2f requests, %.2f read and %.2f write units, %.2f ms; "
              + "a poll %.2f requests, %.2f read units, %.2f ms.", c.getKey().name(), join.requestsPerCall(), join.readUnitsPerCall(),
          join.writeUnitsPerCall(), join.meanMillis(), poll.requestsPerCall(), poll.readUnitsPerCall(), poll.meanMillis());
    }
    report.blank();
    Report.Table table = report.table("design", "joins/s offered", "joins/s", "pollers", "polls/s", "requests/s",
        "instances join / poll", "hottest base partition", "req/s (peak)", "units/s (peak)", "hottest index partition",
        "req/s (peak)", "units/s (peak)", "hottest item, req/s", "requests per join / poll", "load average", "valid");
    for (Map.Entry<QueueDesign, List<HeatPoint>> e : heat.entrySet()) {
      for (HeatPoint p : e.getValue()) {
        HeatMeter.Window w = p.window();
        table.row(e.getKey().name(), Report.f1(p.offeredJoins()), Report.f1(p.joinsPerSecond()), p.pollers(),
            Report.f1(p.pollsPerSecond()), Report.f1(w.requestsPerSecond()), p.joinInstances() + " / " + p.pollInstances(),
            "`" + w.basePartition().key() + "`", hot(w.basePartition().requestsPerSecond(), w.basePartition().peakRequests()),
            units(w.basePartition().unitsPerSecond(), w.basePartition().peakUnits()),
            "`" + w.indexPartition().key() + "`", hot(w.indexPartition().requestsPerSecond(), w.indexPartition().peakRequests()),
            units(w.indexPartition().unitsPerSecond(), w.indexPartition().peakUnits()),
            "`" + w.item().key() + "` " + Report.f1(w.item().requestsPerSecond()),
            perCall(w.calls("join")) + " / " + perCall(w.calls("poll")), p.loadAverage(),
            p.valid() ? "yes" : "**no**" + (p.firstError() == null ? "" : " (" + p.firstError() + ")"));
      }
    }
    table.print();
    report.blank();
    report.line("Growth = (hottest base partition's requests/s at the highest achieved rate ÷ at the lowest) ÷ (highest achieved "
        + "rate ÷ lowest); 1.0 when it grows in step with the rate. The base partition (an item, or items under one key) is "
        + "what must stay flat; a sharded index partition is meant to take a share of the joins, so its load grows as "
        + "joins ÷ shards: its figure is printed beside, for information. A hottest partition that stays flat scores "
        + "1 ÷ (rate ratio), not 0, so the elasticity is printed too: ln(load ratio) ÷ ln(rate ratio), 1 linear, 0 flat. "
        + "Polls: the points with pollers, on achieved polls/s.");
    report.blank();
    Map<QueueDesign, String> lines = new LinkedHashMap<>();
    for (Map.Entry<QueueDesign, List<HeatPoint>> e : heat.entrySet()) {
      List<HeatPoint> joinPoints = e.getValue().stream().filter(p -> p.pollers() == 0).toList();
      List<HeatPoint> pollPoints = e.getValue().stream().filter(p -> p.pollers() > 0).toList();
      Optional<Growth> joins = growth(joinPoints, HeatPoint::joinsPerSecond, HeatMeter.Window::basePartition);
      Optional<Growth> polls = growth(pollPoints, HeatPoint::pollsPerSecond, HeatMeter.Window::basePartition);
      report.line("- **%s**, hottest base partition: joins %s; polls %s. Hottest index partition: joins %s; polls %s.",
          e.getKey().name(), describe(joins, "joins/s"), describe(polls, "polls/s"),
          describe(growth(joinPoints, HeatPoint::joinsPerSecond, HeatMeter.Window::indexPartition), "joins/s"),
          describe(growth(pollPoints, HeatPoint::pollsPerSecond, HeatMeter.Window::indexPartition), "polls/s"));
      lines.put(e.getKey(), "joins-growth=" + joins.map(g -> Report.f2(g.figure())).orElse("n/a")
          + " polls-growth=" + polls.map(g -> Report.f2(g.figure())).orElse("n/a"));
    }
    report.blank();
    lastLines("rush-heat", lines, missing);
  }

  private static Optional<Growth> growth(List<HeatPoint> points, ToDoubleFunction<HeatPoint> rate,
      java.util.function.Function<HeatMeter.Window, HeatMeter.Hot> space) {
    List<HeatPoint> valid = points.stream().filter(HeatPoint::valid).filter(p -> rate.applyAsDouble(p) > 0)
        .sorted(Comparator.comparingDouble(rate)).toList();
    if (valid.size() < 2) {
      return Optional.empty();
    }
    HeatMeter.Hot low = space.apply(valid.get(0).window());
    HeatMeter.Hot high = space.apply(valid.get(valid.size() - 1).window());
    double lowRate = rate.applyAsDouble(valid.get(0));
    double highRate = rate.applyAsDouble(valid.get(valid.size() - 1));
    double loadRatio = high.requestsPerSecond() / low.requestsPerSecond();
    double rateRatio = highRate / lowRate;
    return Optional.of(new Growth(loadRatio / rateRatio, Math.log(loadRatio) / Math.log(rateRatio), low, high, lowRate, highRate));
  }

  private static String describe(Optional<Growth> growth, String unit) {
    return growth.map(g -> String.format(Locale.ROOT, "growth %s, elasticity %s (`%s` %.1f req/s at %.1f %s, `%s` %.1f req/s "
            + "at %.1f %s)", Report.f2(g.figure()), Report.f2(g.elasticity()), g.low().key(), g.low().requestsPerSecond(),
        g.lowRate(), unit, g.high().key(), g.high().requestsPerSecond(), g.highRate(), unit))
        .orElse("growth n/a (fewer than two valid points)");
  }

  // ---- 2. under the scaled throttle ----

  private Throttled throttled(QueueDesign design, RushLoad.HandlerTimes handlerTimes) throws Exception {
    IndexShadow shadow = new IndexShadow();
    try (BenchEngine engine = BenchEngine.start();
         ScaledThrottle throttle = new ScaledThrottle(shadow, THROTTLE_SCALE);
         DynamoDbClient client = throttledClient(engine.endpoint(), true, shadow, throttle);
         DynamoDbClient observer = engine.client()) {
      double joinRate = THROTTLED_JOIN_FACTOR * throttle.writeUnitsPerSecond();
      report.progress("%s under the throttle: %.0f joins/s for %d s, %d pollers", design.name(), joinRate,
          throttledLength.toSeconds(), THROTTLED_POLLERS);
      QueueDesign.Stage stage = stage(engine, "throttled");
      design.prepare(stage, client);
      Map<String, Long> placedAt = new ConcurrentHashMap<>();
      Map<String, Long> placeOf = new ConcurrentHashMap<>();
      try (RushLoad load = new RushLoad(design, stage, client, RushLoad.Meter.DIRECT, handlerTimes)) {
        List<RushLoad.User> users = load.joinUpFront("tp-", THROTTLED_POLLERS, 8);
        throttle.arm();
        long started = System.nanoTime();
        load.startMaintenance(roundPeriod(stage), () -> observePlaces(design, stage, observer, load, placedAt, placeOf));
        load.startPollers(users, true);
        int workers = (int) Math.ceil(joinRate * (functionTimeout(template).toSeconds() + 4));
        load.startJoins(joinRate, "t-", workers, throttledLength);
        load.awaitJoinSchedule();
        load.stopPollers(Duration.ofSeconds(20));
        double pollSeconds = (System.nanoTime() - started) / 1e9;
        load.stopJoins(Duration.ofSeconds(40));
        long drainEnd = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < drainEnd && unplaced(load.joins(), placeOf) > 0) {
          LockSupport.parkNanos(500_000_000L);
        }
        load.stopMaintenance();
        throttle.disarm();
        long runEnd = System.nanoTime();
        return summarize(load, throttle, placedAt, placeOf, runEnd, pollSeconds);
      }
    }
  }

  private static void observePlaces(QueueDesign design, QueueDesign.Stage stage, DynamoDbClient observer, RushLoad load,
      Map<String, Long> placedAt, Map<String, Long> placeOf) {
    List<String> pending = load.joins().stream()
        .filter(j -> j.ok() && j.place().isEmpty() && !placeOf.containsKey(j.token()))
        .map(RushLoad.JoinRecord::token).toList();
    if (pending.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    try {
      design.places(stage, observer, pending).forEach((token, place) -> {
        placeOf.putIfAbsent(token, place);
        placedAt.putIfAbsent(token, now);
      });
    } catch (RuntimeException e) {
      // the observer is the benchmark's own view; a failed look is retried after the next round
    }
  }

  private static long unplaced(List<RushLoad.JoinRecord> joins, Map<String, Long> placeOf) {
    return joins.stream().filter(j -> j.ok() && j.place().isEmpty() && !placeOf.containsKey(j.token())).count();
  }

  private Throttled summarize(RushLoad load, ScaledThrottle throttle, Map<String, Long> placedAt, Map<String, Long> placeOf,
      long runEnd, double pollSeconds) {
    long timeout = functionTimeout(template).toNanos();
    List<RushLoad.JoinRecord> joins = load.joins();
    Map<String, Long> failures = new TreeMap<>(RushLoad.countErrors(joins));
    List<Placements.Placed> placed = new ArrayList<>();
    List<Double> latencies = new ArrayList<>();
    long ok = 0;
    for (RushLoad.JoinRecord j : joins) {
      if (!j.ok()) {
        continue;
      }
      if (j.endNanos() - j.startNanos() > timeout) {
        failures.merge("took longer than the function's " + functionTimeout(template).toSeconds() + " s timeout", 1L, Long::sum);
        continue;
      }
      ok++;
      latencies.add((j.endNanos() - j.startNanos()) / 1e9);
      if (j.place().isPresent()) {
        placed.add(new Placements.Placed(j.startNanos(), j.place().getAsLong(), j.endNanos()));
      } else if (placeOf.containsKey(j.token())) {
        placed.add(new Placements.Placed(j.startNanos(), placeOf.get(j.token()), placedAt.get(j.token())));
      } else {
        placed.add(new Placements.Placed(j.startNanos(), 0, 0));
      }
    }
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] lags = joins.stream().mapToDouble(j -> (j.startNanos() - j.dueNanos()) / 1e9).sorted().toArray();
    return new Throttled(joins.size(), joins.size() / (double) throttledLength.toSeconds(), ok, failures, percentile(lags, 99),
        percentile(sorted, 50), percentile(sorted, 99), Placements.summarize(placed, runEnd), load.pollsOk(), load.pollsFailed(),
        pollSeconds, throttle.attempts(), load.rounds(), load.roundsFailed(), load.firstRoundError(), loadAverage());
  }

  private void printThrottled(Map<QueueDesign, Throttled> results, List<QueueDesign> missing) {
    report.line("`ScaledThrottle`: DynamoDB's per-partition limits x %s, so %.0f write units and %.0f read units per second per "
            + "base-table partition key and per gsi1 partition (token buckets, one second of burst). Every attempt (the SDK's "
            + "retries included) passes the client's HTTP layer, which answers a throttled one as DynamoDB does: "
            + "`ProvisionedThroughputExceededException` for single-item operations and queries (also for a base write whose "
            + "index partition is out of write capacity: back-pressure), unprocessed keys for BatchGetItem, and "
            + "`TransactionCanceledException` with `ThrottlingError` reasons for transactions. Joins offered at %dx the write "
            + "limit (%.0f/s) for %d s, plus %,d pollers (tokens joined before the throttle was armed) polling as their client "
            + "would while joins are offered: again after the answer's `pollAfterSeconds`, or every second where the design "
            + "gives none (the web app before issue 12); pollers polling back to back would saturate this machine's cores "
            + "and time out attempts at the load generator, not at the throttle. Maintenance rounds go on for up to %d s more "
            + "to place the last joins. Start lag: how late the load generator started a join after its scheduled time (large "
            + "values mean this machine, not the design, held joins back; times below count from the join's start). A join fails "
            + "if it throws after the SDK's retries or takes longer than the function's %d s timeout. Time to place runs "
            + "from the join's start (its arrival) to the moment a separate, unthrottled observer first reads a place after a "
            + "round (the legacy design places at the join: its answer). Inversions: pairs of successful joins that started at "
            + "least 3 s apart and were placed in the opposite order.",
        Report.f2(THROTTLE_SCALE), ScaledThrottle.PARTITION_WRITE_UNITS * THROTTLE_SCALE, ScaledThrottle.PARTITION_READ_UNITS * THROTTLE_SCALE,
        THROTTLED_JOIN_FACTOR, THROTTLED_JOIN_FACTOR * ScaledThrottle.PARTITION_WRITE_UNITS * THROTTLE_SCALE,
        throttledLength.toSeconds(), THROTTLED_POLLERS, drain.toSeconds(), functionTimeout(template).toSeconds());
    report.blank();
    Report.Table table = report.table("design", "joins offered (/s)", "start lag p99 (s)", "joins ok", "join p50 / p99 (s)",
        "placed p99 / max (s)", "load average",
        "never placed", "inversions", "polls ok / failed (ok/s)", "rounds (failed)", "throttled attempts / attempts", "failures");
    Map<QueueDesign, String> lines = new LinkedHashMap<>();
    for (Map.Entry<QueueDesign, Throttled> e : results.entrySet()) {
      Throttled t = e.getValue();
      Placements.Summary p = t.placement();
      String bound = p.lowerBound() ? ">" : "";
      StringBuilder attempts = new StringBuilder();
      t.attempts().forEach((op, a) -> attempts.append(attempts.length() == 0 ? "" : "; ").append(op).append(' ')
          .append(String.format(Locale.ROOT, "%,d / %,d", a.throttled(), a.attempts()))
          .append(a.throttledForIndex() > 0 ? String.format(Locale.ROOT, " (%,d for the index)", a.throttledForIndex()) : ""));
      StringBuilder failures = new StringBuilder();
      t.failures().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
          .forEach(f -> failures.append(failures.length() == 0 ? "" : "; ").append(f.getValue()).append("x ").append(f.getKey()));
      table.row(e.getKey().name(), String.format(Locale.ROOT, "%,d (%.1f)", t.offered(), t.offeredPerSecond()), Report.f2(t.startLagP99()),
          String.format(Locale.ROOT, "%,d (%.2f%%)", t.ok(), t.okPercent()), Report.f2(t.joinP50()) + " / " + Report.f2(t.joinP99()),
          bound + Report.f1(p.p99Seconds()) + " / " + bound + Report.f1(p.maxSeconds()), t.loadAverage(), p.neverPlaced(),
          p.inversions(),
          String.format(Locale.ROOT, "%,d / %,d (%.1f)", t.pollsOk(), t.pollsFailed(), t.pollsOk() / t.pollSeconds()),
          t.rounds() + " (" + t.roundsFailed() + ")", attempts.toString(), failures.toString());
      lines.put(e.getKey(), String.format(Locale.ROOT, "joins-ok=%.2f%% placed-p99=%s%ss placed-max=%s%ss inversions=%d",
          t.okPercent(), bound, Report.f1(p.p99Seconds()), bound, Report.f1(p.maxSeconds()), p.inversions()));
    }
    table.print();
    report.blank();
    lastLines("rush-throttled", lines, missing);
  }

  /** One line per measured design; the new design's line in the format last (or that it is missing). */
  private void lastLines(String name, Map<QueueDesign, String> lines, List<QueueDesign> missing) {
    lines.forEach((design, line) -> {
      if (design instanceof LegacyQueueDesign) {
        report.line("%s (%s): %s", name, design.name(), line);
      }
    });
    lines.forEach((design, line) -> {
      if (!(design instanceof LegacyQueueDesign)) {
        report.line("%s: %s", name, line);
      }
    });
    if (lines.keySet().stream().allMatch(d -> d instanceof LegacyQueueDesign)) {
      report.line("%s: missing — %s is not plugged in yet (rush/NewQueueDesign.java is an empty slot)",
          name, missing.stream().map(QueueDesign::name).findFirst().orElse("the new design"));
    }
  }

  // ---- wiring ----

  /** A client configured as production's (`DynamoDbClients`), with the benchmark's interceptors. */
  static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
    return client(endpoint, true, null, interceptors);
  }

  /** A client as {@link #client(URI, ExecutionInterceptor...)} whose every attempt passes {@code throttle}. */
  static DynamoDbClient throttledClient(URI endpoint, boolean sdkRetries, IndexShadow shadow, ScaledThrottle throttle) {
    return client(endpoint, sdkRetries, throttle, shadow, throttle);
  }

  private static DynamoDbClient client(URI endpoint, boolean sdkRetries, ScaledThrottle throttle,
      ExecutionInterceptor... interceptors) {
    ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(Duration.ofSeconds(3))
        .apiCallTimeout(Duration.ofSeconds(8));
    if (!sdkRetries) {
      overrides.retryStrategy(AwsRetryStrategy.doNotRetry());
    }
    for (ExecutionInterceptor interceptor : interceptors) {
      overrides.addExecutionInterceptor(interceptor);
    }
    SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(3)).build();
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(throttle == null ? http : throttle.httpClient(http))
        .overrideConfiguration(overrides.build())
        .build();
  }

  private QueueDesign.Stage stage(BenchEngine engine, String id) {
    String table = "rush-" + id;
    engine.createTable(table);
    return new QueueDesign.Stage(table, "rush-" + id, environment(template, table), Clock.systemUTC());
  }

  /** The functions' environment from template.yaml (scalar values), with this run's table. */
  static Map<String, String> environment(SamTemplate template, String table) {
    Map<String, String> env = new TreeMap<>();
    for (SamTemplate.FunctionDefinition function : template.functions()) {
      function.environment().forEach((name, value) -> {
        if (value instanceof String || value instanceof Number) {
          env.putIfAbsent(name, String.valueOf(value));
        }
      });
    }
    env.remove("JAVA_TOOL_OPTIONS");
    env.putIfAbsent("ADMISSION_ROUND_SECONDS", "2");  // API.md's default
    env.put("TABLE_NAME", table);
    return env;
  }

  private static Duration roundPeriod(QueueDesign.Stage stage) {
    return Duration.ofSeconds(Long.parseLong(stage.environment().get("ADMISSION_ROUND_SECONDS")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> globals(SamTemplate template) {
    Map<String, Object> tree = (Map<String, Object>) template.plainTree();
    Map<String, Object> globals = (Map<String, Object>) tree.getOrDefault("Globals", Map.of());
    return (Map<String, Object>) globals.getOrDefault("Function", Map.of());
  }

  static Duration functionTimeout(SamTemplate template) {
    return Duration.ofSeconds(Long.parseLong(String.valueOf(globals(template).getOrDefault("Timeout", "10"))));
  }

  static RushCost.Lambda lambda(SamTemplate template) {
    Map<String, Object> function = globals(template);
    int memory = Integer.parseInt(String.valueOf(function.getOrDefault("MemorySize", "1024")));
    return new RushCost.Lambda(memory, String.valueOf(function.getOrDefault("Architectures", "[arm64]")).contains("arm64"));
  }

  private static long nextSecond() {
    return System.currentTimeMillis() / 1000 + 1;
  }

  private static void sleepUntilSecond(long epochSecond) {
    long wait;
    while ((wait = epochSecond * 1000 - System.currentTimeMillis()) > 0) {
      LockSupport.parkNanos(wait * 1_000_000);
    }
  }

  /** The machine's load average over the last minute (Linux), as a sign of how much else ran beside the measurement. */
  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static String perCall(HeatMeter.Calls calls) {
    return calls.calls() == 0 ? "—" : Report.f2(calls.requestsPerCall());
  }

  private static String hot(double average, long peak) {
    return Report.f1(average) + " (" + peak + ")";
  }

  private static String units(double average, double peak) {
    return Report.f1(average) + " (" + Report.f1(peak) + ")";
  }

  private static String joined(int[] values) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      text.append(i == 0 ? "" : i == values.length - 1 ? " and " : ", ").append(String.format(Locale.ROOT, "%,d", values[i]));
    }
    return text.toString();
  }

  private static double percentile(double[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
  }
}
