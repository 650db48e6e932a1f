package dev.ticketing.bench.rush;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Report;
import dev.ticketing.engine.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Part 2 of the rush section: one design under {@link ScaledThrottle}, joins offered at 20x one
 * partition's scaled write limit plus 1,000 pollers polling as their client would, for a bounded
 * time; then maintenance rounds until every successful join has a place (bounded too).
 */
final class ThrottledRush {
  private static final double THROTTLE_SCALE = 0.01;
  private static final int THROTTLED_POLLERS = 1_000;
  /** Joins offered under the throttle: this many times one partition's scaled write limit per second. */
  private static final int THROTTLED_JOIN_FACTOR = 20;

  private final Report report;
  private final SamTemplate template;
  private final Duration throttledLength;
  private final Duration drain;

  ThrottledRush(Report report, SamTemplate template, boolean quick) {
    this.report = report;
    this.template = template;
    this.throttledLength = Duration.ofSeconds(quick ? 20 : 60);
    this.drain = Duration.ofSeconds(quick ? 15 : 30);
  }

  record Throttled(long offered, double offeredPerSecond, long ok, Map<String, Long> failures, double startLagP99, double joinP50,
      double joinP99,
      Placements.Summary placement, long pollsOk, long pollsFailed, double pollSeconds, Map<String, ScaledThrottle.Attempts> attempts,
      long rounds, long roundsFailed, double meanRoundSeconds, double longestRoundSeconds, String firstRoundError,
      String loadAverage) {
    double okPercent() {
      return offered == 0 ? Double.NaN : 100.0 * ok / offered;
    }
  }

  Throttled run(QueueDesign design, RushLoad.HandlerTimes handlerTimes) throws Exception {
    IndexShadow shadow = new IndexShadow();
    try (BenchEngine engine = BenchEngine.start();
         ScaledThrottle throttle = new ScaledThrottle(shadow, THROTTLE_SCALE);
         DynamoDbClient client = RushWiring.throttledClient(engine.endpoint(), true, shadow, throttle);
         DynamoDbClient observer = engine.client()) {
      double joinRate = THROTTLED_JOIN_FACTOR * throttle.writeUnitsPerSecond();
      report.progress("%s under the throttle: %.0f joins/s for %d s, %d pollers", design.name(), joinRate,
          throttledLength.toSeconds(), THROTTLED_POLLERS);
      QueueDesign.Stage stage = RushWiring.stage(engine, template, "throttled");
      design.prepare(stage, client);
      Map<String, Long> placedAt = new ConcurrentHashMap<>();
      Map<String, Long> placeOf = new ConcurrentHashMap<>();
      try (RushLoad load = new RushLoad(design, stage, client, RushLoad.Meter.DIRECT, handlerTimes)) {
        List<RushLoad.User> users = load.joinUpFront("tp-", THROTTLED_POLLERS, 8);
        throttle.arm();
        long started = System.nanoTime();
        // The observer looks after each round, on its own thread: its reads never delay the next round.
        load.startMaintenance(RushWiring.roundPeriod(stage),
            load.onItsOwnThread("rush-observer", () -> observePlaces(design, stage, observer, load, placedAt, placeOf)));
        load.startPollers(users, true);
        int workers = (int) Math.ceil(joinRate * (RushWiring.functionTimeout(template).toSeconds() + 4));
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
    long timeout = RushWiring.functionTimeout(template).toNanos();
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
        failures.merge("took longer than the function's " + RushWiring.functionTimeout(template).toSeconds() + " s timeout", 1L, Long::sum);
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
    return new Throttled(joins.size(), joins.size() / (double) throttledLength.toSeconds(), ok, failures, RushWiring.percentile(lags, 99),
        RushWiring.percentile(sorted, 50), RushWiring.percentile(sorted, 99), Placements.summarize(placed, runEnd), load.pollsOk(), load.pollsFailed(),
        pollSeconds, throttle.attempts(), load.rounds(), load.roundsFailed(), load.meanRoundSeconds(), load.longestRoundSeconds(), load.firstRoundError(),
        RushWiring.loadAverage());
  }

  /** Prints the table; returns each design's figures in the format of the last line. */
  Map<QueueDesign, String> print(Map<QueueDesign, Throttled> results) {
    report.line("`ScaledThrottle`: DynamoDB's per-partition limits x %s, so %.0f write units and %.0f read units per second per "
            + "base-table partition key and per gsi1 partition (token buckets, one second of burst). Every attempt (the SDK's "
            + "retries included) passes the client's HTTP layer, which answers a throttled one as DynamoDB does: "
            + "`ProvisionedThroughputExceededException` for single-item operations and queries (also for a base write whose "
            + "index partition is out of write capacity: back-pressure), unprocessed keys for BatchGetItem, and "
            + "`TransactionCanceledException` with `ThrottlingError` reasons for transactions. Joins offered at %dx the write "
            + "limit (%.0f/s) for %d s, plus %,d pollers (tokens joined before the throttle was armed) polling as their client "
            + "would while joins are offered: again after the answer's `pollAfterSeconds`, or every second where the design "
            + "gives none (the web app before `pollAfterSeconds`); pollers polling back to back would saturate this machine's cores "
            + "and time out attempts at the load generator, not at the throttle. Maintenance rounds go on for up to %d s more "
            + "to place the last joins. Start lag: how late the load generator started a join after its scheduled time (large "
            + "values mean this machine, not the design, held joins back; times below count from the join's start). A join fails "
            + "if it throws after the SDK's retries or takes longer than the function's %d s timeout. Time to place runs "
            + "from the join's start (its arrival) to the moment a separate, unthrottled observer, looking after each round on a "
            + "thread of its own, first reads a place (the legacy design places at the join: its answer). Inversions: pairs of successful joins that started at "
            + "least 3 s apart and were placed in the opposite order.",
        Report.f2(THROTTLE_SCALE), ScaledThrottle.PARTITION_WRITE_UNITS * THROTTLE_SCALE, ScaledThrottle.PARTITION_READ_UNITS * THROTTLE_SCALE,
        THROTTLED_JOIN_FACTOR, THROTTLED_JOIN_FACTOR * ScaledThrottle.PARTITION_WRITE_UNITS * THROTTLE_SCALE,
        throttledLength.toSeconds(), THROTTLED_POLLERS, drain.toSeconds(), RushWiring.functionTimeout(template).toSeconds());
    report.blank();
    Report.Table table = report.table("design", "joins offered (/s)", "start lag p99 (s)", "joins ok", "join p50 / p99 (s)",
        "placed p99 / max (s)", "load average",
        "never placed", "inversions", "polls ok / failed (ok/s)", "rounds (failed)", "round mean / longest (s)", "throttled attempts / attempts", "failures");
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
          t.rounds() + " (" + t.roundsFailed() + ")", Report.f2(t.meanRoundSeconds()) + " / " + Report.f2(t.longestRoundSeconds()),
          attempts.toString(), failures.toString());
      lines.put(e.getKey(), String.format(Locale.ROOT, "joins-ok=%.2f%% placed-p99=%s%ss placed-max=%s%ss inversions=%d",
          t.okPercent(), bound, Report.f1(p.p99Seconds()), bound, Report.f1(p.maxSeconds()), p.inversions()));
    }
    table.print();
    report.blank();
    return lines;
  }
}
