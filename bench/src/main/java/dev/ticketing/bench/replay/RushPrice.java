package dev.ticketing.bench.replay;

import dev.ticketing.bench.cost.Pricing;
import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.CapacityMeter;
import dev.ticketing.bench.support.Report;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.testing.TestComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The all-in price of a rush of 1,000,000 users in its first minute for 250 seats: API Gateway
 * (HTTP API), Lambda and DynamoDB on-demand, from per-user counts that a small rush replayed in
 * virtual time measures rather than assumes. Its users arrive at peak·e^(−t/10 s) over the first
 * minute ({@link RushSchedule}, 5% joining again), and every one of them polls as the server says
 * ({@code pollAfterSeconds}, with its jitter) until admitted or until the sale sells out, which is
 * assumed {@code -Dbench.price.soldout} seconds after the opening (nobody buys in the replay: the
 * first {@code QUEUE_MAX_ACTIVE} are admitted and hold their turns). Joins, polls and rounds go
 * through the real use cases on the embedded engine, each role on its own metered client.
 *
 * <p>What scales with users is taken per user and multiplied. A round costs a fixed part whatever
 * the number of users (its per-shard reads, measured on the rounds after everyone was placed),
 * counted once per round; the rest of the rounds' units is scaled with users. Each function
 * instance's once-a-second read of the shared state does not grow with users either, and is scaled
 * all the same (an upper bound). Lambda duration is
 * the use case's time in this JVM against a loopback engine (no network to DynamoDB), rounded up
 * to the millisecond as Lambda bills it: a lower bound for the deployed functions.
 */
public final class RushPrice {
  static final int TARGET_USERS = 1_000_000;
  private static final int INSTANCES = 8;
  private static final long SLICE_MILLIS = 100;
  private static final int WORKERS = 8;
  private static final String CONCERT = "price-concert";

  private final Report report;
  private final int users;
  private final long soldOutSeconds;

  public RushPrice(Report report, boolean quick) {
    this.report = report;
    this.users = Integer.getInteger("bench.price.users", quick ? 1_000 : 3_000);
    this.soldOutSeconds = Long.getLong("bench.price.soldout", quick ? 120 : 240);
  }

  /** The functions' memory size from template.yaml's Globals (each function here takes it). */
  static int memoryMb() {
    try {
      Matcher m = Pattern.compile("(?m)^\\s+MemorySize:\\s*(\\d+)").matcher(Files.readString(Path.of("template.yaml")));
      return m.find() ? Integer.parseInt(m.group(1)) : 1024;
    } catch (IOException e) {
      return 1024;
    }
  }

  public void run() throws Exception {
    report.subheading("All-in price of a rush (rush-price)");
    double tau = 10;
    double peak = users / (tau * (1 - Math.exp(-6)));
    RushSchedule schedule = RushSchedule.draw(new RushSchedule.Shape(peak, tau, 6), 20261208L);
    try (BenchEngine engine = BenchEngine.start()) {
      String table = "price-" + Long.toHexString(System.nanoTime());
      engine.createTable(table);
      Map<String, String> env = new HashMap<>(RushReplay.environment(engine.template(), table));
      long roundMillis = 1000L * Long.parseLong(env.get("ADMISSION_ROUND_SECONDS"));
      long opening = (System.currentTimeMillis() / 1000 + 86_400) * 1000;
      VirtualClock clock = new VirtualClock(opening - 60_000);
      CapacityMeter joinMeter = new CapacityMeter();
      CapacityMeter pollMeter = new CapacityMeter();
      CapacityMeter roundMeter = new CapacityMeter();
      try (DynamoDbClient joinClient = engine.client(joinMeter); DynamoDbClient pollClient = engine.client(pollMeter);
          DynamoDbClient roundClient = engine.client(roundMeter)) {
        TestComponent rounds = BenchEngine.app(roundClient, table, clock, env);
        rounds.catalogSeeder().seed(catalog(opening));
        rounds.queueRound().run(CONCERT);
        joinMeter.reset();
        pollMeter.reset();
        roundMeter.reset();
        TestComponent[] joinApps = new TestComponent[INSTANCES];
        TestComponent[] pollApps = new TestComponent[INSTANCES];
        for (int i = 0; i < INSTANCES; i++) {
          joinApps[i] = BenchEngine.app(joinClient, table, clock, env);
          pollApps[i] = BenchEngine.app(pollClient, table, clock, env);
        }
        String[] tokens = new String[schedule.users()];
        // Due polls: {virtual millis from the opening, user}.
        PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        LongAdder joinCalls = new LongAdder();
        LongAdder pollCalls = new LongAdder();
        LongAdder pollsBeforePlace = new LongAdder();
        LongAdder joinNanos = new LongAdder();
        LongAdder pollNanos = new LongAdder();
        LongAdder errors = new LongAdder();
        long roundCount = 0;
        long roundNanos = 0;
        // Rounds once every arrival's second is placed: what a round costs whatever the number of users.
        long quietFrom = schedule.arrivalMillis()[schedule.users() - 1] + 8_000 + 1000L
            * Long.parseLong(env.getOrDefault("QUEUE_PLACEMENT_SETTLE_SECONDS", "0")) + 2 * roundMillis;
        CapacityMeter.Usage quietStart = null;
        long quietRounds = 0;
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, WallClockRush.daemon("price-worker"));
        List<RushSchedule.Join> joins = schedule.joins();
        int next = 0;
        long horizon = soldOutSeconds * 1000;
        long nextRound = 0;
        for (long t = 0; t < horizon; ) {
          clock.set(opening + t);
          long sliceEnd = t + SLICE_MILLIS;
          if (t >= nextRound) {
            if (t >= quietFrom) {
              if (quietStart == null) {
                quietStart = roundMeter.snapshot();
              }
              quietRounds++;
            }
            long started = System.nanoTime();
            rounds.queueRound().run(CONCERT);
            roundNanos += System.nanoTime() - started;
            roundCount++;
            nextRound += roundMillis;
          }
          List<Future<long[]>> work = new ArrayList<>();
          while (next < joins.size() && joins.get(next).atMillis() < sliceEnd) {
            RushSchedule.Join join = joins.get(next++);
            long at = t;
            work.add(workers.submit(() -> {
              long started = System.nanoTime();
              QueueView view = joinApps[ThreadLocalRandom.current().nextInt(INSTANCES)].joinQueue()
                  .join(RushSchedule.userId(join.user()), CONCERT).view();
              joinNanos.add(System.nanoTime() - started);
              joinCalls.increment();
              if (join.repeat()) {
                return null;
              }
              tokens[join.user()] = view.token();
              return new long[] {at + 1000L * Math.max(1, view.pollAfterSeconds()), join.user()};
            }));
          }
          while (!due.isEmpty() && due.peek()[0] < sliceEnd) {
            long[] poll = due.poll();
            int user = (int) poll[1];
            long at = t;
            work.add(workers.submit(() -> {
              long started = System.nanoTime();
              QueueView view = pollApps[ThreadLocalRandom.current().nextInt(INSTANCES)].queueStatus()
                  .status(RushSchedule.userId(user), QueueTokenId.parse(tokens[user]));
              pollNanos.add(System.nanoTime() - started);
              pollCalls.increment();
              if (view.position() == null && view.status() == QueueToken.Status.WAITING) {
                pollsBeforePlace.increment();
              }
              return view.status() == QueueToken.Status.WAITING
                  ? new long[] {at + 1000L * Math.max(1, view.pollAfterSeconds()), user} : null;
            }));
          }
          for (Future<long[]> f : work) {
            try {
              long[] again = f.get();
              if (again != null) {
                due.add(again);
              }
            } catch (java.util.concurrent.ExecutionException e) {
              errors.increment();
            }
          }
          // Nothing due before the next round or poll: jump there (the joins are over by then).
          long nextEvent = Math.min(nextRound, due.isEmpty() ? Long.MAX_VALUE : due.peek()[0]);
          if (next < joins.size()) {
            nextEvent = Math.min(nextEvent, joins.get(next).atMillis());
          }
          t = Math.max(sliceEnd, Math.floorDiv(nextEvent, SLICE_MILLIS) * SLICE_MILLIS);
        }
        workers.shutdownNow();
        CapacityMeter.Usage all = roundMeter.snapshot();
        CapacityMeter.Usage perQuietRound = quietStart == null || quietRounds == 0
            ? new CapacityMeter.Usage(Map.of(), 0, 0, 0) : all.minus(quietStart).divide(quietRounds);
        report.line("A round once every arrival is placed (%d such rounds): %.1f read units, %.2f write units, %d requests"
            + " (the per-shard reads of the join index and the shared state: the same for any number of users).",
            quietRounds, perQuietRound.readUnits(), perQuietRound.writeUnits(),
            quietRounds == 0 ? 0 : all.minus(quietStart).total() / quietRounds);
        price(schedule.users(), joinCalls.sum(), pollCalls.sum(), pollsBeforePlace.sum(), joinMeter.snapshot(),
            pollMeter.snapshot(), all, perQuietRound, joinNanos.sum(), pollNanos.sum(), roundCount, roundNanos,
            errors.sum());
      }
    }
  }

  private void price(int n, long joinCalls, long pollCalls, long pollsBeforePlace, CapacityMeter.Usage join,
      CapacityMeter.Usage poll, CapacityMeter.Usage round, CapacityMeter.Usage fixedRound, long joinNanos, long pollNanos, long roundCount, long roundNanos,
      long errors) {
    double scale = (double) TARGET_USERS / n;
    int memoryMb = memoryMb();
    double gb = memoryMb / 1024.0;
    report.line("Replayed %,d users over the first minute (peak %.0f/s, τ 10 s, %.0f%% joining again), every user polling"
        + " until admitted or until the sale sells out, assumed %d s after the opening; %d rounds ran; %d errors.",
        n, n / (10 * (1 - Math.exp(-6))), RushSchedule.REPEAT_SHARE * 100, soldOutSeconds, roundCount, errors);
    report.line("Measured per user: %.3f joins, %.2f polls (%.2f before a place showed). DynamoDB per join: %.2f requests,"
        + " %.2f read and %.2f write units (%s in all); per poll: %.2f requests, %.2f read units (%s in all).",
        (double) joinCalls / n, (double) pollCalls / n, (double) pollsBeforePlace / n,
        (double) join.total() / Math.max(1, joinCalls), join.readUnits() / Math.max(1, joinCalls),
        join.writeUnits() / Math.max(1, joinCalls), join.describe(), (double) poll.total() / Math.max(1, pollCalls),
        poll.readUnits() / Math.max(1, pollCalls), poll.describe());
    double joinMs = Math.ceil(joinNanos / 1e6 / Math.max(1, joinCalls));
    double pollMs = Math.ceil(pollNanos / 1e6 / Math.max(1, pollCalls));
    double roundMs = roundNanos / 1e6 / Math.max(1, roundCount);
    // Scaled to a million users.
    double joins = joinCalls * scale;
    double polls = pollCalls * scale;
    // Rounds: a fixed cost per round (as measured once all were placed), the rest grows with users.
    double roundFixedRru = fixedRound.readUnits() * roundCount;
    double roundFixedWru = fixedRound.writeUnits() * roundCount;
    double roundUserRru = Math.max(0, round.readUnits() - roundFixedRru) * scale;
    double roundUserWru = Math.max(0, round.writeUnits() - roundFixedWru) * scale;
    double rru = (join.readUnits() + poll.readUnits()) * scale + roundFixedRru + roundUserRru;
    double wru = (join.writeUnits() + poll.writeUnits()) * scale + roundFixedWru + roundUserWru;
    double dynamoRequests = (join.total() + poll.total()) * scale + round.total();
    report.line("DynamoDB units for a million users: joins %,.0f read + %,.0f write, polls %,.0f read + %,.0f write,"
        + " rounds %,.0f read + %,.0f write (fixed %,.0f + %,.0f, the rest scaled with users).",
        join.readUnits() * scale, join.writeUnits() * scale, poll.readUnits() * scale, poll.writeUnits() * scale,
        roundFixedRru + roundUserRru, roundFixedWru + roundUserWru, roundFixedRru, roundFixedWru);
    double dynamodb = rru / 1e6 * Pricing.USD_PER_MILLION_RRU + wru / 1e6 * Pricing.USD_PER_MILLION_WRU;
    // The maintenance function: one invocation a minute running 66 s, for the minutes until the sale is over.
    long maintenanceInvocations = (soldOutSeconds + 59) / 60;
    double gbSeconds = gb * (joins * joinMs + polls * pollMs) / 1000 + gb * maintenanceInvocations * 66;
    double invocations = joins + polls + maintenanceInvocations;
    double lambda = invocations / 1e6 * Pricing.LAMBDA_USD_PER_MILLION_REQUESTS + gbSeconds * Pricing.LAMBDA_ARM64_USD_PER_GB_SECOND;
    double apigw = (joins + polls) / 1e6 * Pricing.HTTP_API_USD_PER_MILLION_REQUESTS;
    double total = dynamodb + lambda + apigw;
    report.line("Prices (%s; %s; %s): DynamoDB $%.3f per million read units and $%.3f per million write units; Lambda"
        + " arm64 $%.10f per GB-second and $%.2f per million invocations; HTTP API $%.2f per million requests.",
        Pricing.REGION, Pricing.AS_OF, Pricing.COMPUTE_AS_OF, Pricing.USD_PER_MILLION_RRU, Pricing.USD_PER_MILLION_WRU,
        Pricing.LAMBDA_ARM64_USD_PER_GB_SECOND, Pricing.LAMBDA_USD_PER_MILLION_REQUESTS,
        Pricing.HTTP_API_USD_PER_MILLION_REQUESTS);
    report.line("Lambda duration: join %.0f ms, poll %.0f ms (this JVM, loopback engine, rounded up), %d MB (template.yaml);"
        + " a round took %.0f ms here; maintenance billed as %d invocations of 66 s.", joinMs, pollMs, memoryMb, roundMs,
        maintenanceInvocations);
    report.table("Item (1,000,000 users)", "Quantity", "Dollars")
        .row("HTTP API requests (joins + polls)", String.format("%,.0f", joins + polls), Report.money(apigw))
        .row("Lambda invocations", String.format("%,.0f", invocations),
            Report.money(invocations / 1e6 * Pricing.LAMBDA_USD_PER_MILLION_REQUESTS))
        .row("Lambda GB-seconds", String.format("%,.0f", gbSeconds),
            Report.money(gbSeconds * Pricing.LAMBDA_ARM64_USD_PER_GB_SECOND))
        .row("DynamoDB requests (rounds' as run)", String.format("%,.0f", dynamoRequests), "")
        .row("DynamoDB read request units", String.format("%,.0f", rru), Report.money(rru / 1e6 * Pricing.USD_PER_MILLION_RRU))
        .row("DynamoDB write request units", String.format("%,.0f", wru), Report.money(wru / 1e6 * Pricing.USD_PER_MILLION_WRU))
        .row("Total", "", Report.money(total))
        .print();
    report.line("rush-price: users=%d requests-per-user=%.2f polls-per-user=%.2f dynamodb=$%.2f lambda=$%.2f apigw=$%.2f"
        + " total=$%.2f", TARGET_USERS, (joins + polls) / TARGET_USERS, polls / TARGET_USERS, dynamodb, lambda, apigw, total);
  }

  private static SeedCatalog catalog(long opening) {
    LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(opening), ZoneOffset.UTC).plusWeeks(2);
    List<SeedSchedule> dates = new ArrayList<>();
    for (int d = 1; d <= 5; d++) {  // 250 seats: five dates of 50
      dates.add(new SeedSchedule(CONCERT + "-d" + d, date.plusDays(d), date.plusDays(d).atTime(19, 0).toInstant(ZoneOffset.UTC)));
    }
    return new SeedCatalog(List.of(new SeedConcert(CONCERT, "Rush price", "The Benchmarks", "Loopback Hall",
        List.of(new Section("R", 1, 50, 100_000)), dates, Instant.ofEpochMilli(opening))));
  }
}
