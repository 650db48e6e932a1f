package dev.ticketing.bench.rush;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Report;
import dev.ticketing.engine.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Part 1 of the rush section, heat per item: for one design, the handler times one call at a time
 * ({@link Calibration}), then joins offered open loop at several rates and several numbers of
 * pollers polling back to back, each point on a fresh table, counted by {@link HeatMeter}.
 */
final class HeatSweep {
  private static final double[] JOIN_RATES = {20, 50, 100, 200};
  /**
   * Back-to-back pollers saturate two cores from about ten on, so the sweep starts lower: the
   * growth figure needs a spread of achieved poll rates, and one or ten pollers give it.
   */
  private static final int[] POLLERS = {1, 10, 100, 1_000};
  /** A point that achieved less than this share of its offered join rate is invalid. */
  private static final double VALID_SHARE = 0.95;

  private final Report report;
  private final SamTemplate template;
  private final Duration warmUp;
  private final Duration window;
  private final int calibrationJoins;
  private final int calibrationPolls;

  HeatSweep(Report report, SamTemplate template, boolean quick) {
    this.report = report;
    this.template = template;
    this.warmUp = Duration.ofSeconds(quick ? 1 : 2);
    this.window = Duration.ofSeconds(quick ? 5 : 15);
    this.calibrationJoins = quick ? 40 : 100;
    this.calibrationPolls = quick ? 120 : 300;
  }

  /** One measured point of the heat sweep. */
  record HeatPoint(double offeredJoins, int pollers, double joinsPerSecond, double pollsPerSecond, boolean valid,
      HeatMeter.Window window, int joinInstances, int pollInstances, long joinErrors, long pollErrors, String firstError,
      String loadAverage) {}

  /** Growth of one key space's hottest key between the lowest and the highest valid achieved rate. */
  record Growth(double figure, double elasticity, HeatMeter.Hot low, HeatMeter.Hot high, double lowRate, double highRate) {}

  /** Calibrates {@code design}, then measures every point; throws UnsupportedOperationException for a missing design. */
  void run(QueueDesign design, Map<QueueDesign, Calibration> calibrations, Map<QueueDesign, List<HeatPoint>> heat)
      throws Exception {
    try (BenchEngine engine = BenchEngine.start()) {
      IndexShadow shadow = new IndexShadow();
      HeatMeter meter = new HeatMeter(shadow);
      try (DynamoDbClient client = RushWiring.client(engine.endpoint(), shadow, meter)) {
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
    QueueDesign.Stage template = RushWiring.stage(engine, this.template, "calibration");
    // One user admitted at a time, so the placing round's cost is placement's, not admission's.
    Map<String, String> environment = new java.util.HashMap<>(template.environment());
    environment.put("QUEUE_MAX_ACTIVE", "1");
    QueueDesign.Stage stage = new QueueDesign.Stage(template.table(), template.concertId(), environment, template.clock());
    design.prepare(stage, client);
    QueueDesign.FunctionInstance instance = design.newInstance(stage, client);
    List<RushLoad.User> users = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String user = "warm-" + i;
      users.add(new RushLoad.User(user, instance.join(user).token()));
      instance.poll(user, users.get(i).token());
    }
    meter.clear();
    long from = RushWiring.nextSecond();
    RushWiring.sleepUntilSecond(from);
    for (int i = 0; i < calibrationJoins; i++) {
      String user = "calibration-" + i;
      users.add(new RushLoad.User(user, meter.measure("join", () -> instance.join(user)).token()));
    }
    for (int i = 0; i < calibrationPolls; i++) {
      RushLoad.User user = users.get(i % users.size());
      meter.measure("poll", () -> instance.poll(user.userId(), user.token()));
    }
    // Past any settling time the design keeps before placing: then a round places everyone.
    RushWiring.sleepUntilSecond(System.currentTimeMillis() / 1000 + RushWiring.settleSeconds(stage) + 2);
    meter.measure("placing round", instance::maintenanceRound);
    meter.measure("idle round", instance::maintenanceRound);
    long to = System.currentTimeMillis() / 1000 + 1;
    RushWiring.sleepUntilSecond(to);
    HeatMeter.Window w = meter.window(from, to);
    meter.clear();
    long placed = design.places(stage, client, users.stream().map(RushLoad.User::token).toList()).size();
    return new Calibration(w.calls("join"), w.calls("poll"), w.calls("placing round"), w.calls("idle round"), placed);
  }

  private HeatPoint heatPoint(QueueDesign design, BenchEngine engine, DynamoDbClient client, HeatMeter meter,
      Calibration calibration, String id, double joinRate, int pollers) throws Exception {
    report.progress("%s: %.0f joins/s offered, %d pollers", design.name(), joinRate, pollers);
    QueueDesign.Stage stage = RushWiring.stage(engine, template, id);
    meter.measure("setup", () -> design.prepare(stage, client));
    try (RushLoad load = new RushLoad(design, stage, client, meter::measure, calibration.handlerTimes())) {
      List<RushLoad.User> users = load.joinUpFront("p" + id + "-", pollers, 8);
      load.startMaintenance(RushWiring.roundPeriod(stage), () -> { });
      load.startPollers(users, false);
      if (joinRate > 0) {
        load.startJoins(joinRate, "j" + id + "-", 64, warmUp.plus(window).plusSeconds(2));
      }
      long from = (System.currentTimeMillis() + warmUp.toMillis()) / 1000 + 1;
      long to = from + window.toSeconds();
      RushWiring.sleepUntilSecond(to);
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
          w.calls("join").failed(), w.calls("poll").failed(), firstError, RushWiring.loadAverage());
    }
  }

  /** Prints the table and the growth figures; returns each design's figures in the format of the last line. */
  Map<QueueDesign, String> print(Map<QueueDesign, List<HeatPoint>> heat, Map<QueueDesign, Calibration> calibrations) {
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
        "instances join / poll", "hottest base partition", "req/s (peak)", "units/s (peak)", "hottest shared base partition",
        "req/s (peak)", "hottest index partition",
        "req/s (peak)", "units/s (peak)", "hottest item, req/s", "requests per join / poll", "load average", "valid");
    for (Map.Entry<QueueDesign, List<HeatPoint>> e : heat.entrySet()) {
      for (HeatPoint p : e.getValue()) {
        HeatMeter.Window w = p.window();
        table.row(e.getKey().name(), Report.f1(p.offeredJoins()), Report.f1(p.joinsPerSecond()), p.pollers(),
            Report.f1(p.pollsPerSecond()), Report.f1(w.requestsPerSecond()), p.joinInstances() + " / " + p.pollInstances(),
            "`" + w.basePartition().key() + "`", hot(w.basePartition().requestsPerSecond(), w.basePartition().peakRequests()),
            units(w.basePartition().unitsPerSecond(), w.basePartition().peakUnits()),
            "`" + w.sharedBasePartition().key() + "`",
            hot(w.sharedBasePartition().requestsPerSecond(), w.sharedBasePartition().peakRequests()),
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
        + "what must stay flat. The `rush-heat` line takes the hottest **shared** base partition: one that more than one "
        + "caller uses, not a user's own (`USER#`) or a token's (`TOKEN#`), whose requests are that one caller's (a "
        + "poller polling back to back is the hottest item there is at one poller, and cools as pollers share the cores); "
        + "the growth of the hottest partition of any kind is printed beside it. A sharded index partition is meant to "
        + "take a share of the joins, so its load grows as joins ÷ shards: its figure is printed for information. A "
        + "hottest partition that stays flat scores 1 ÷ (rate ratio), not 0, so the elasticity is printed too: "
        + "ln(load ratio) ÷ ln(rate ratio), 1 linear, 0 flat. Polls: the points with pollers, on achieved polls/s.");
    report.blank();
    Map<QueueDesign, String> lines = new LinkedHashMap<>();
    for (Map.Entry<QueueDesign, List<HeatPoint>> e : heat.entrySet()) {
      List<HeatPoint> joinPoints = e.getValue().stream().filter(p -> p.pollers() == 0).toList();
      List<HeatPoint> pollPoints = e.getValue().stream().filter(p -> p.pollers() > 0).toList();
      Optional<Growth> joins = growth(joinPoints, HeatPoint::joinsPerSecond, HeatMeter.Window::sharedBasePartition);
      Optional<Growth> polls = growth(pollPoints, HeatPoint::pollsPerSecond, HeatMeter.Window::sharedBasePartition);
      report.line("- **%s**, hottest shared base partition: joins %s; polls %s. Hottest base partition of any kind: joins %s; "
              + "polls %s. Hottest index partition: joins %s; polls %s.",
          e.getKey().name(), describe(joins, "joins/s"), describe(polls, "polls/s"),
          describe(growth(joinPoints, HeatPoint::joinsPerSecond, HeatMeter.Window::basePartition), "joins/s"),
          describe(growth(pollPoints, HeatPoint::pollsPerSecond, HeatMeter.Window::basePartition), "polls/s"),
          describe(growth(joinPoints, HeatPoint::joinsPerSecond, HeatMeter.Window::indexPartition), "joins/s"),
          describe(growth(pollPoints, HeatPoint::pollsPerSecond, HeatMeter.Window::indexPartition), "polls/s"));
      lines.put(e.getKey(), "joins-growth=" + joins.map(g -> Report.f2(g.figure())).orElse("n/a")
          + " polls-growth=" + polls.map(g -> Report.f2(g.figure())).orElse("n/a"));
    }
    report.blank();
    return lines;
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
}
