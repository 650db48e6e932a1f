package dev.ticketing.bench.rush;

import dev.ticketing.bench.cost.Pricing;
import dev.ticketing.bench.support.Report;
import java.util.List;
import java.util.Locale;

/**
 * The all-in cost of one rush (DynamoDB on demand + Lambda + API Gateway HTTP API) for a queue
 * design, from the traffic {@link RushScenario} simulates and what each call costs. The per-call
 * inputs of a design are parameters ({@link Design}): the rush benchmark fills join and poll from
 * what it measured in the same run; the others are recorded figures or estimates, named as such
 * in the printed table, for the lead to replace with measurements.
 */
public final class RushCost {
  /** One API call: DynamoDB requests and units, and the Lambda handler's time. */
  public record Call(double requests, double readUnits, double writeUnits, double handlerMillis) {}

  /**
   * A queue design's costs. Per user placed: placement (new design: index query share, batch
   * item share, the place write); per user admitted: admission. Per maintenance round: its fixed
   * reads and writes (shard queries, state replicas). {@code maintenanceSecondsPerMinute}: Lambda
   * time of the scheduled function per minute (rounds within one invocation run for 50 s).
   */
  public record Design(String name, Call join, Call poll, double placementReadUnits, double placementWriteUnits,
      double admissionReadUnits, double admissionWriteUnits, double roundReadUnits, double roundWriteUnits,
      double maintenanceSecondsPerMinute, RushScenario.Queue queue, String source) {

    /** The same design with maintenance's per-user placement and per-round costs as measured; {@code addedSource} is appended. */
    public Design withMaintenance(double placementRead, double placementWrite, double roundRead, double roundWrite,
        String addedSource) {
      return new Design(name, join, poll, placementRead, placementWrite, admissionReadUnits, admissionWriteUnits, roundRead,
          roundWrite, maintenanceSecondsPerMinute, queue, source + addedSource);
    }

    /** The same design with join and poll as measured; {@code newSource} says where every figure now comes from. */
    public Design withMeasured(Call measuredJoin, Call measuredPoll, String newSource) {
      return new Design(name, measuredJoin, measuredPoll, placementReadUnits, placementWriteUnits, admissionReadUnits,
          admissionWriteUnits, roundReadUnits, roundWriteUnits, maintenanceSecondsPerMinute, queue, newSource);
    }
  }

  /**
   * The queue with one counter per concert, as recorded in docs/performance.md (section 1 of its last full run: a new token
   * 3 requests, 2.0 read and 7.0 write units; a status poll 1 request, 1.0 read unit; admission per user
   * 1.15 read and 2.2 write units; an idle maintenance run about 2.3 read units per concert) and the
   * poll's warm wall time of its cold-start table (2.65 ms); the join's handler time is an estimate.
   * The web app polled every second; admission ran once a minute (first run half a minute in, on average).
   */
  public static Design legacyRecorded() {
    return new Design("before: legacy queue, 1 s polls", new Call(3, 2.0, 7.0, 8.0), new Call(1, 1.0, 0, 2.65), 0, 0,
        1.15, 2.2, 2.3, 0, 1.0, new RushScenario.Queue(60, 30, 0, false),
        "docs/performance.md (join's handler time estimated)");
  }

  /**
   * The sharded queue, ESTIMATED from the design draft until measured: join = consistent GetItem of the
   * pointer (1.0) + a transaction putting token and pointer (2 x 2 write units) and the token's entry
   * in the unplaced index (1); poll = the token's eventually consistent GetItem (0.5) plus a share of
   * the per-instance replica reads; placement = the place write removing the index entry (2) plus shares
   * of the shard query and batch item; admission as before; per round 200 shard queries (0.5 each) and
   * 16 replica writes; rounds every 2 s within a 50 s invocation; pollAfterSeconds paces the polls.
   */
  public static Design newEstimated() {
    return new Design("after: rush-scale queue, pollAfterSeconds", new Call(2, 1.0, 5.0, 8.0), new Call(1, 0.55, 0, 2.65), 0.05,
        2.1, 1.15, 2.2, 100, 16, 50, new RushScenario.Queue(2, 2, 3, true),
        "ALL ESTIMATED from the design draft (not measured yet)");
  }

  /** Calls of an admitted user outside the queue, with their DynamoDB units (docs/performance.md section 1). */
  private record Journey(int apiCalls, double readUnits, double writeUnits, double handlerMillisPerCall) {}

  /** Every admitted user: the dates (first gated request) and a seat map; handler time estimated. */
  private static final Journey BROWSE = new Journey(2, 8.0, 2.0, 8.0);
  /** A buyer also holds, charges the balance and pays. */
  private static final Journey BUY = new Journey(3, 4.0, 21.0, 10.0);

  /** The Lambda configuration the template gives every function. */
  public record Lambda(int memoryMb, boolean arm64) {
    double usdPerGbSecond() {
      return arm64 ? Pricing.LAMBDA_ARM64_USD_PER_GB_SECOND : Pricing.LAMBDA_X86_USD_PER_GB_SECOND;
    }
  }

  /** One design's rush priced. */
  public record Priced(Design design, RushScenario.Traffic traffic, double apiRequests, double invocations, double gbSeconds,
      double readUnits, double writeUnits) {
    double apiUsd() {
      return apiRequests / 1e6 * Pricing.HTTP_API_USD_PER_MILLION_REQUESTS;
    }

    double lambdaUsd(Lambda lambda) {
      return invocations / 1e6 * Pricing.LAMBDA_USD_PER_MILLION_REQUESTS + gbSeconds * lambda.usdPerGbSecond();
    }

    double dynamoUsd() {
      return readUnits / 1e6 * Pricing.USD_PER_MILLION_RRU + writeUnits / 1e6 * Pricing.USD_PER_MILLION_WRU;
    }

    double totalUsd(Lambda lambda) {
      return apiUsd() + lambdaUsd(lambda) + dynamoUsd();
    }
  }

  private RushCost() {}

  public static Priced price(RushScenario.Crowd crowd, Design design, Lambda lambda) {
    RushScenario.Traffic t = RushScenario.simulate(crowd, design.queue());
    double gb = lambda.memoryMb() / 1024.0;
    double joins = t.users();
    double journeyCalls = t.admitted() * BROWSE.apiCalls() + t.buyers() * BUY.apiCalls();
    double api = joins + t.polls() + journeyCalls;
    double minutes = Math.ceil(t.saleSeconds() / 60);
    double invocations = api + minutes;
    double gbSeconds = gb * (joins * billed(design.join().handlerMillis()) + t.polls() * billed(design.poll().handlerMillis())
        + t.admitted() * BROWSE.apiCalls() * billed(BROWSE.handlerMillisPerCall())
        + t.buyers() * BUY.apiCalls() * billed(BUY.handlerMillisPerCall())
        + minutes * design.maintenanceSecondsPerMinute());
    double reads = joins * design.join().readUnits() + t.polls() * design.poll().readUnits()
        + t.users() * design.placementReadUnits() + t.admitted() * (design.admissionReadUnits() + BROWSE.readUnits())
        + t.buyers() * BUY.readUnits() + t.rounds() * design.roundReadUnits();
    double writes = joins * design.join().writeUnits() + t.polls() * design.poll().writeUnits()
        + t.users() * design.placementWriteUnits() + t.admitted() * (design.admissionWriteUnits() + BROWSE.writeUnits())
        + t.buyers() * BUY.writeUnits() + t.rounds() * design.roundWriteUnits();
    return new Priced(design, t, api, invocations, gbSeconds, reads, writes);
  }

  /** Lambda bills each invocation's duration rounded up to the millisecond; seconds. */
  private static double billed(double handlerMillis) {
    return Math.ceil(handlerMillis) / 1000.0;
  }

  /** The model alone ({@code --only rush-cost}): recorded figures before, estimates after; nothing is measured. */
  public static void printStandalone(Report report) {
    report.heading("All-in cost of a rush (model only, no measurement)");
    print(report, RushScenario.Crowd.standard(), List.of(legacyRecorded(), newEstimated()),
        RushWiring.lambda(dev.ticketing.engine.SamTemplate.locate()));
  }

  public static void print(Report report, RushScenario.Crowd crowd, List<Design> designs, Lambda lambda) {
    report.line("One rush: %,d users join in the first minute (%,.0f joins/s at the peak, falling by e every %.0f s), %d seats, "
            + "%d users active at once; an admitted user buys (%.0f%%, 1-4 seats, after %d-%d s) or leaves (slot freed after "
            + "%d s). The sale ends when the last seat is sold; waiting users poll until admitted or told it has ended. "
            + "Lambda: %d MB, %s (template.yaml). Prices: %s; DynamoDB: %s. **They may be out of date.** "
            + "Lambda and API Gateway also serve the admitted users' own calls (dates, seat map, hold, charge, pay).",
        crowd.users(), crowd.peakJoinsPerSecond(), crowd.arrivalDecaySeconds(), crowd.seats(), crowd.maxActive(),
        crowd.buyerShare() * 100, crowd.thinkMinSeconds(), crowd.thinkMaxSeconds(), crowd.graceSeconds(), lambda.memoryMb(),
        lambda.arm64() ? "arm64" : "x86-64", Pricing.COMPUTE_AS_OF, Pricing.AS_OF);
    report.blank();
    Report.Table inputs = report.table("design", "join: requests / read / write units / handler ms",
        "poll: requests / read units / handler ms", "per user placed: read / write", "per user admitted: read / write",
        "per round: read / write", "rounds", "polls", "source");
    for (Design d : designs) {
      inputs.row(d.name(), String.format(Locale.ROOT, "%.1f / %.2f / %.2f / %.1f", d.join().requests(), d.join().readUnits(),
              d.join().writeUnits(), d.join().handlerMillis()),
          String.format(Locale.ROOT, "%.1f / %.2f / %.1f", d.poll().requests(), d.poll().readUnits(), d.poll().handlerMillis()),
          String.format(Locale.ROOT, "%.2f / %.2f", d.placementReadUnits(), d.placementWriteUnits()),
          String.format(Locale.ROOT, "%.2f / %.2f", d.admissionReadUnits(), d.admissionWriteUnits()),
          String.format(Locale.ROOT, "%.1f / %.1f", d.roundReadUnits(), d.roundWriteUnits()),
          "every " + d.queue().admissionRoundSeconds() + " s",
          d.queue().serverPacedPolls() ? "pollAfterSeconds" : "every 1 s", d.source());
    }
    inputs.print();
    report.blank();
    List<Priced> priced = designs.stream().map(d -> price(crowd, d, lambda)).toList();
    String[] columns = new String[priced.size() + 1];
    columns[0] = "one rush";
    for (int i = 0; i < priced.size(); i++) {
      columns[i + 1] = priced.get(i).design().name();
    }
    Report.Table table = report.table(columns);
    row(table, priced, "sale over after", p -> String.format(Locale.ROOT, "%.0f s", p.traffic().saleSeconds()));
    row(table, priced, "users admitted (buyers), seats sold", p -> String.format(Locale.ROOT, "%,d (%,d), %d",
        p.traffic().admitted(), p.traffic().buyers(), p.traffic().seatsSold()));
    row(table, priced, "status polls per user (mean)", p -> Report.f1(p.traffic().pollsPerUser()));
    row(table, priced, "status polls in the busiest second", p -> String.format(Locale.ROOT, "%,d", p.traffic().peakPollsPerSecond()));
    row(table, priced, "API Gateway requests", p -> String.format(Locale.ROOT, "%,.0f", p.apiRequests()));
    row(table, priced, "Lambda invocations / GB-seconds", p -> String.format(Locale.ROOT, "%,.0f / %,.0f", p.invocations(), p.gbSeconds()));
    row(table, priced, "DynamoDB read / write units", p -> String.format(Locale.ROOT, "%,.0f / %,.0f", p.readUnits(), p.writeUnits()));
    row(table, priced, "API Gateway", p -> Report.money(p.apiUsd()));
    row(table, priced, "Lambda", p -> Report.money(p.lambdaUsd(lambda)));
    row(table, priced, "DynamoDB", p -> Report.money(p.dynamoUsd()));
    row(table, priced, "**total**", p -> "**" + Report.money(p.totalUsd(lambda)) + "**");
    row(table, priced, "per seat sold", p -> Report.money(p.totalUsd(lambda) / Math.max(1, p.traffic().seatsSold())));
    table.print();
    report.blank();
    report.line("Before, API Gateway's route throttle (2,000 requests/s) and the one counter item would have refused most of "
        + "those polls; the table prices them as if served, which is what the web app asked for.");
  }

  private static void row(Report.Table table, List<Priced> priced, String label, java.util.function.Function<Priced, String> cell) {
    Object[] cells = new Object[priced.size() + 1];
    cells[0] = label;
    for (int i = 0; i < priced.size(); i++) {
      cells[i + 1] = cell.apply(priced.get(i));
    }
    table.row(cells);
  }
}
