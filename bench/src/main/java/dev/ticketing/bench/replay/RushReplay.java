package dev.ticketing.bench.replay;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Report;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.config.Settings;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.StorageModule;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A rush replayed in virtual time on the embedded engine, through the real use cases: joins at
 * their virtual moments (the clock set per slice of {@link #SLICE_MILLIS}, the slice's joins and due
 * polls run on a pool), maintenance rounds at virtual marks every ADMISSION_ROUND_SECONDS with the
 * opening at a random phase of the marks, each round run at the same time as the slice that starts
 * at its mark (so joins are in flight while it runs), and one round held back 5 s on purpose.
 *
 * <p>It uses only what both the current queue and the one before "placement without a write per
 * placed user" offer (the AppComponent builder, joinQueue().join, queueRound().run,
 * queueStatus().status, the catalogue seeder), so {@code bench/control.sh} can replay the same users
 * against that commit.
 *
 * <p>Function instances: joins go to {@link #joinInstances} graphs and polls to 1,000, each its own
 * AppComponent on the same engine and virtual clock (so each has its own one-second cache of the
 * queue's state). Rounds run on one more. Each role sends through its own metered client. Visibility
 * is checked by one more graph on an unmetered client with its own clock, which is not counted.
 */
public final class RushReplay {
  static final long SLICE_MILLIS = 50;
  static final long WAVE_MILLIS = 10;
  static final long DELAY_MILLIS = 5_000;
  static final int POLL_INSTANCES = 1_000;
  static final long DISPLACEMENT_WINDOW_MILLIS = 3_000;
  private static final int WORKERS = 16;

  /** The last line's values. */
  record Result(int users, int shards, int replicas, long replicaBytes, double maintWcuPerUser,
      double admissionWcuPerAdmitted, double joinWcuPerUser, double joinRequests, double roundGrowth, double hottestJoinItemPer1k, double sharedGrowth, double visibleP99,
      double visibleMax, long displaced) {
    String line(String label) {
      return String.format("%s: users=%d K=%d R=%d replica-bytes=%d maint-wcu-per-user=%.4f"
          + " admission-wcu-per-admitted=%.2f join-wcu-per-user=%.2f join-requests=%.2f round-growth=%.2f hottest-join-item-per-1k=%.2f shared-growth=%s visible-p99=%.2fs"
          + " visible-max=%.2fs displaced=%d", label, users, shards, replicas, replicaBytes, maintWcuPerUser,
          admissionWcuPerAdmitted, joinWcuPerUser, joinRequests, roundGrowth, hottestJoinItemPer1k,
          Double.isNaN(sharedGrowth) ? "n/a" : String.format("%.2f", sharedGrowth), visibleP99, visibleMax, displaced);
    }
  }

  /** One round as planned: its mark, when it actually runs (later for the delayed one). */
  record RoundPlan(int index, long markMillis, long runMillis, boolean delayed) {}

  /** One round as run: its requests, its waves on the critical path, what it placed. */
  record RoundRun(RoundPlan plan, long requests, double writeUnits, int waves, long placed, long admitted, String error) {}

  private final Report report;
  private final RushSchedule.Shape shape;
  private final String label;

  public RushReplay(Report report, boolean quick, String label) {
    this.report = report;
    this.shape = shape(quick);
    this.label = label;
  }

  static RushSchedule.Shape shape(boolean quick) {
    double peak = Double.parseDouble(System.getProperty("bench.replay.peak", quick ? "10000" : "100000"));
    double tau = Double.parseDouble(System.getProperty("bench.replay.tau", quick ? "2" : "10"));
    return new RushSchedule.Shape(peak, tau, 6);
  }

  /** The replay alone, e.g. in a control build: {@code [--quick] [--label TEXT]}. */
  public static void main(String[] args) throws Exception {
    boolean quick = false;
    String label = "rush-replay";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--label" -> label = args[++i];
        default -> throw new IllegalArgumentException("usage: RushReplay [--quick] [--label TEXT]");
      }
    }
    PrintStream terminal = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));  // the handlers' JSON log lines
    new RushReplay(new Report(terminal), quick, label).run();
    System.exit(0);
  }

  public Result run() throws Exception {
    long wallStart = System.nanoTime();
    RushSchedule schedule = RushSchedule.draw(shape, 20261207L);
    report.subheading("Rush replay in virtual time (" + label + ")");
    report.line("Arrivals at %.0f/s·e^(−t/%.0fs) for %.0f s: %,d users, %,d joins (%.0f%% repeat), %.0f%% of users poll.",
        shape.peakPerSecond(), shape.tauSeconds(), shape.lengthTaus() * shape.tauSeconds(), schedule.users(),
        schedule.joins().size(), RushSchedule.REPEAT_SHARE * 100, RushSchedule.POLL_SHARE * 100);
    int pool = fanOutParallelism();
    report.line("FanOut's pool: %d requests in flight at once; a round's critical path is counted in waves of at most"
        + " %d requests, %d ms of virtual latency each.", pool, pool, WAVE_MILLIS);
    try (BenchEngine engine = BenchEngine.start()) {
      Result result = new Run(engine, schedule, pool).replay();
      report.line("Replay took %d s of wall time.", (System.nanoTime() - wallStart) / 1_000_000_000L);
      printTargets(result);
      report.line(result.line(label));
      return result;
    }
  }

  private void printTargets(Result r) {
    report.line("Targets:");
    target("maint-wcu-per-user <= 0.05", r.maintWcuPerUser() <= 0.05);
    target("join-wcu-per-user <= 3", r.joinWcuPerUser() <= 3);
    target("join-requests <= 3", r.joinRequests() <= 3);
    target("round-growth <= 1.1", r.roundGrowth() <= 1.1);
    target(String.format("hottest-join-item-per-1k <= 2000/K = %.2f", 2000.0 / r.shards()),
        r.hottestJoinItemPer1k() <= 2000.0 / r.shards());
    target("shared-growth <= 1.1", Double.isNaN(r.sharedGrowth()) || r.sharedGrowth() <= 1.1);
    target("visible-p99 <= 4 s", r.visibleP99() <= 4);
    target("visible-max <= 5 s", r.visibleMax() <= 5);
    target("displaced = 0", r.displaced() == 0);
  }

  private void target(String what, boolean pass) {
    report.line("  %-40s %s", what, pass ? "PASS" : "FAIL");
  }

  /** FanOut's pool size, package-private in the code under test: read, not assumed. */
  static int fanOutParallelism() {
    try {
      var field = Class.forName("dev.ticketing.storage.FanOut").getDeclaredField("PARALLELISM");
      field.setAccessible(true);
      return field.getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("FanOut.PARALLELISM not found", e);
    }
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
    env.putIfAbsent("ADMISSION_ROUND_SECONDS", "2");
    env.put("TABLE_NAME", table);
    return env;
  }

  /** Waves of at most {@code pool} requests: spans that overlap form a burst, a burst of n takes ceil(n/pool). */
  static int waves(List<ReplayMeter.Span> spans, int pool) {
    return burstWaves(spans, pool, span -> false).total();
  }

  /**
   * The waves of a round up to and including the one that holds the first span matching
   * {@code which}, counted as {@link #waves} counts them (a burst's k-th request, by start, goes
   * in its burst's wave k / pool); empty if none matches.
   */
  static java.util.OptionalInt wavesThrough(List<ReplayMeter.Span> spans, int pool,
      java.util.function.Predicate<ReplayMeter.Span> which) {
    return burstWaves(spans, pool, which).through();
  }

  /** The waves through the first span matching {@code which}, if one does; else all of them ({@code total}). */
  private record BurstWaves(java.util.OptionalInt through, int total) {}

  /** Walks the spans by start, in bursts, as {@link #waves} counts them. */
  private static BurstWaves burstWaves(List<ReplayMeter.Span> spans, int pool,
      java.util.function.Predicate<ReplayMeter.Span> which) {
    List<ReplayMeter.Span> sorted = new ArrayList<>(spans);
    sorted.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
    int waves = 0;
    int inBurst = 0;
    long burstEnd = Long.MIN_VALUE;
    for (ReplayMeter.Span span : sorted) {
      if (inBurst > 0 && span.startNanos() >= burstEnd) {
        waves += (inBurst + pool - 1) / pool;
        inBurst = 0;
      }
      if (which.test(span)) {
        return new BurstWaves(java.util.OptionalInt.of(waves + inBurst / pool + 1), -1);
      }
      inBurst++;
      burstEnd = inBurst == 1 ? span.endNanos() : Math.max(burstEnd, span.endNanos());
    }
    return new BurstWaves(java.util.OptionalInt.empty(), waves + (inBurst + pool - 1) / pool);
  }

  /** One replay: its engine, table, instances, users' outcomes. */
  private final class Run {
    private final BenchEngine engine;
    private final RushSchedule schedule;
    private final int pool;
    private final String table = "replay-" + Long.toHexString(System.nanoTime());
    private final String concertId = "replay-concert";
    private final Map<String, String> env;
    private final long settleMillis;
    private final long roundMillis;
    private final long opening;
    private final VirtualClock clock;
    private final VirtualClock checkClock;
    private final ReplayMeter joinMeter = new ReplayMeter("join");
    private final ReplayMeter roundMeter = new ReplayMeter("round");
    private final ReplayMeter pollMeter = new ReplayMeter("poll");
    private final DynamoDbClient joinClient;
    private final DynamoDbClient roundClient;
    private final DynamoDbClient pollClient;
    private final DynamoDbClient observer;
    private final TestComponent maintenance;
    private final AppComponent checker;
    private final AppComponent[] joinApps;
    private final AppComponent[] pollApps = new AppComponent[POLL_INSTANCES];
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemon("replay-worker"));
    private final ExecutorService roundThread = Executors.newSingleThreadExecutor(daemon("replay-round"));
    // Per user: when the client started the join, the arrival the server's clock read, the token,
    // when a poll would first show a position, and the place (from the position and the head's offset).
    private final long[] recordedArrival;
    private final String[] tokens;
    private final long[] visibleAt;
    private final long[] place;
    private final boolean[] seenActiveFirst;
    private final PriorityBlockingQueue<long[]> polls = new PriorityBlockingQueue<>(64, (a, b) -> Long.compare(a[0], b[0]));
    private final Map<Long, LongAdder> joinsPerSecond = new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder joinCalls = new LongAdder();
    private final LongAdder pollCalls = new LongAdder();
    private final LongAdder repeatNewTokens = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final List<RoundRun> rounds = new ArrayList<>();
    private long headOffset;
    private int anchor = -1;
    private long anchorPosition;
    private long anchorsLost;
    /** When a poll would show what the delayed round placed: its users are told apart in the report. */
    private long delayedCheckAt = Long.MIN_VALUE;

    Run(BenchEngine engine, RushSchedule schedule, int pool) {
      this.engine = engine;
      this.schedule = schedule;
      this.pool = pool;
      engine.createTable(table);
      env = environment(engine.template(), table);
      settleMillis = 1000L * Long.parseLong(env.getOrDefault("QUEUE_PLACEMENT_SETTLE_SECONDS", "0"));
      roundMillis = 1000L * Long.parseLong(env.get("ADMISSION_ROUND_SECONDS"));
      // A day ahead of the wall clock, on a whole second: the engine's TTL sweeps never see these items as old.
      opening = (System.currentTimeMillis() / 1000 + 86_400) * 1000;
      clock = new VirtualClock(opening - 120_000);
      checkClock = new VirtualClock(opening - 120_000);
      joinClient = engine.client(joinMeter);
      roundClient = engine.client(roundMeter);
      pollClient = engine.client(pollMeter);
      observer = engine.client();
      maintenance = rounds(roundClient, table, clock, env);
      checker = BenchEngine.app(observer, table, checkClock, env);
      joinApps = new AppComponent[joinInstances(shape)];
      int users = schedule.users();
      recordedArrival = new long[users];
      tokens = new String[users];
      visibleAt = new long[users];
      place = new long[users];
      seenActiveFirst = new boolean[users];
      Arrays.fill(visibleAt, -1);
      Arrays.fill(place, Long.MIN_VALUE);
    }

    Result replay() throws Exception {
      int shards = Integer.parseInt(env.getOrDefault("QUEUE_JOIN_SHARDS", "0"));
      int replicas = Integer.parseInt(env.getOrDefault("QUEUE_STATE_REPLICAS", "0"));
      // The concert, and a round well before the opening (what maintenance writes before a sale): not measured.
      LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(opening), ZoneOffset.UTC).plusWeeks(2);
      checker.catalogSeeder().seed(new SeedCatalog(List.of(new SeedConcert(concertId, "Rush replay", "The Benchmarks",
          "Loopback Hall", List.of(new Section("R", 1, 50, 100_000)),
          List.of(new SeedSchedule(concertId + "-d1", date, date.atTime(19, 0).toInstant(ZoneOffset.UTC))),
          Instant.ofEpochMilli(opening)))));
      maintenance.queueRound().run(concertId);
      joinMeter.reset();
      roundMeter.reset();
      pollMeter.reset();

      long phase = new Random(7).nextInt((int) roundMillis);
      List<RoundPlan> plans = plan(phase);
      RoundPlan peakRound = coveringRound(plans, 0);
      RoundPlan quietRound = coveringRound(plans, shape.onePercentSecond());
      report.line("Opening at a mark phase of %d ms; settle %d s, rounds every %d s, %d join instances, %d poll instances"
          + " (separate AppComponents on one engine and one virtual clock).", phase, settleMillis / 1000,
          roundMillis / 1000, joinApps.length, POLL_INSTANCES);

      List<RushSchedule.Join> joins = schedule.joins();
      int nextJoin = 0;
      int nextRound = 0;
      long lastJoin = joins.get(joins.size() - 1).atMillis();
      long end = plans.get(plans.size() - 1).runMillis();
      long delayedRun = plans.stream().filter(RoundPlan::delayed).mapToLong(RoundPlan::runMillis).max().orElse(0);
      long t = -roundMillis;
      while (t <= end) {
        long sliceEnd = t + SLICE_MILLIS;
        while (nextRound < plans.size() && plans.get(nextRound).runMillis() < t) {
          nextRound++;
        }
        RoundPlan round = nextRound < plans.size() && plans.get(nextRound).runMillis() == t ? plans.get(nextRound) : null;
        if (nextRound < plans.size() && plans.get(nextRound).runMillis() > t) {
          sliceEnd = Math.min(sliceEnd, plans.get(nextRound).runMillis());
        }
        clock.set(opening + t);
        long epoch = epochOf(plans, t);
        joinMeter.tag(Math.floorDiv(t, 1000), epoch);
        pollMeter.tag(Math.floorDiv(t, 1000), epoch);
        Future<RoundRun> roundRun = round == null ? null : roundThread.submit(() -> runRound(round));
        List<Future<?>> work = new ArrayList<>();
        while (nextJoin < joins.size() && joins.get(nextJoin).atMillis() < sliceEnd) {
          RushSchedule.Join join = joins.get(nextJoin++);
          long at = t;
          work.add(workers.submit(() -> join(join, at)));
        }
        for (long[] poll = polls.peek(); poll != null && poll[0] < sliceEnd; poll = polls.peek()) {
          long[] due = polls.poll();
          long at = t;
          work.add(workers.submit(() -> poll((int) due[1], at)));
        }
        for (Future<?> f : work) {
          f.get();
        }
        if (roundRun != null) {
          RoundRun ran = roundRun.get();
          rounds.add(ran);
          long checkAt = round.runMillis() + ran.waves() * WAVE_MILLIS + 1000;
          if (round.delayed()) {
            delayedCheckAt = checkAt;
          }
          check(checkAt);
        }
        t = sliceEnd;
        if (t > lastJoin && allVisible() && t > quietRound.runMillis() + roundMillis
            && delayedRun < t) {
          break;
        }
      }
      workers.shutdownNow();
      roundThread.shutdownNow();
      return result(shards, replicas, peakRound, quietRound);
    }

    /** Rounds every period from before the opening to well after the last arrival; one held back by 5 s. */
    private List<RoundPlan> plan(long phase) {
      long lastArrival = schedule.arrivalMillis()[schedule.users() - 1];
      long last = lastArrival + 1000 + settleMillis + DELAY_MILLIS + 4 * roundMillis;
      List<RoundPlan> marks = new ArrayList<>();
      for (int k = 0; phase - roundMillis + k * roundMillis <= last; k++) {
        long mark = phase - roundMillis + k * roundMillis;
        marks.add(new RoundPlan(k, mark, mark, false));
      }
      // The round after the quiet one (the round covering the 1%-of-peak second) runs 5 s late, as
      // a held-up scheduler invocation would: the rounds due meanwhile are absorbed (the invocation
      // runs on when it is free again). Its users are under 1% of all, so visible-p99 is the
      // rounds on time and visible-max includes the wait; the two rounds compared are as they are.
      int delayed = coveringRound(marks, shape.onePercentSecond()).index() + 1;
      long delayedMark = marks.get(delayed).markMillis();
      List<RoundPlan> plans = new ArrayList<>();
      for (RoundPlan p : marks) {
        if (p.index() == delayed) {
          plans.add(new RoundPlan(p.index(), p.markMillis(), p.markMillis() + DELAY_MILLIS, true));
        } else if (p.markMillis() <= delayedMark || p.markMillis() > delayedMark + DELAY_MILLIS) {
          plans.add(p);
        }
      }
      return plans;
    }

    /** The round that records second {@code s} (from the opening): the first to run once it is over and settled. */
    private RoundPlan coveringRound(List<RoundPlan> plans, long s) {
      long settled = (s + 1) * 1000 + settleMillis;
      return plans.stream().filter(p -> p.runMillis() >= settled).findFirst()
          .orElseThrow(() -> new IllegalStateException("no round covers second " + s));
    }

    /** Requests at virtual time t belong to the epoch of the next round to run after t. */
    private long epochOf(List<RoundPlan> plans, long t) {
      for (RoundPlan p : plans) {
        if (p.runMillis() > t) {
          return p.index();
        }
      }
      return Long.MAX_VALUE;
    }

    private RoundRun runRound(RoundPlan plan) {
      roundMeter.tag(-1, plan.index());
      long before = roundMeter.requests();
      double unitsBefore = roundMeter.writeUnits();
      roundMeter.recordSpans();
      long placed = 0;
      long admitted = 0;
      String error = null;
      try {
        var report = maintenance.queueRound().run(concertId);
        placed = report.placed();
        admitted = report.admitted();
      } catch (RuntimeException e) {
        error = String.valueOf(e);
        errors.increment();
        firstError.compareAndSet(null, "round: " + e);
      }
      List<ReplayMeter.Span> spans = roundMeter.stopSpans();
      return new RoundRun(plan, roundMeter.requests() - before, roundMeter.writeUnits() - unitsBefore,
          waves(spans, pool), placed, admitted, error);
    }

    private void join(RushSchedule.Join join, long sliceStart) {
      int user = join.user();
      try {
        QueueView view = joinApp().joinQueue().join(RushSchedule.userId(user), concertId).view();
        joinCalls.increment();
        joinsPerSecond.computeIfAbsent(Math.floorDiv(sliceStart, 1000), k -> new LongAdder()).increment();
        if (join.repeat()) {
          if (!view.token().equals(tokens[user])) {
            repeatNewTokens.increment();
          }
        } else {
          recordedArrival[user] = sliceStart;
          tokens[user] = view.token();
          if (schedule.polls()[user]) {
            polls.add(new long[] {join.atMillis() + 1000L * view.pollAfterSeconds(), user});
          }
        }
      } catch (RuntimeException e) {
        errors.increment();
        firstError.compareAndSet(null, "join: " + e);
      }
    }

    /** A poll by the client of a polling user, through any of the poll instances; it polls again when told. */
    private void poll(int user, long sliceStart) {
      try {
        QueueView view = ProductSeam.status(pollApp(), RushSchedule.userId(user), tokens[user]);
        pollCalls.increment();
        if (view.status() == QueueToken.Status.WAITING) {
          polls.add(new long[] {sliceStart + 1000L * Math.max(1, view.pollAfterSeconds()), user});
        }
      } catch (RuntimeException e) {
        errors.increment();
        firstError.compareAndSet(null, "poll: " + e);
      }
    }

    private AppComponent joinApp() {
      int i = ThreadLocalRandom.current().nextInt(joinApps.length);
      synchronized (joinApps) {
        if (joinApps[i] == null) {
          joinApps[i] = BenchEngine.app(joinClient, table, clock, env);
        }
        return joinApps[i];
      }
    }

    private AppComponent pollApp() {
      int i = ThreadLocalRandom.current().nextInt(pollApps.length);
      synchronized (pollApps) {
        if (pollApps[i] == null) {
          pollApps[i] = BenchEngine.app(pollClient, table, clock, env);
        }
        return pollApps[i];
      }
    }

    /**
     * What a poll through a one-second-old cache would show at {@code at}: every user without a
     * position yet is looked up through the checker (its own clock moved to {@code at}, past its
     * cache, on an unmetered client). Positions are relative to the head, which moves as users are
     * admitted: the previous check's anchor (its farthest waiting user) is looked up again first,
     * and how much its position dropped is how far the head moved, so places of different checks compare.
     */
    private void check(long at) throws Exception {
      checkClock.set(opening + at);
      if (anchor >= 0) {
        QueueView again = status(anchor);
        if (again != null && again.status() == QueueToken.Status.WAITING && again.position() != null) {
          headOffset += anchorPosition - again.position();
          anchorPosition = again.position();
        } else {
          anchorsLost++;
          anchor = -1;
        }
      }
      List<Integer> pending = new ArrayList<>();
      for (int user = 0; user < tokens.length; user++) {
        if (tokens[user] != null && visibleAt[user] < 0) {
          pending.add(user);
        }
      }
      List<Future<QueueView>> views = new ArrayList<>();
      ExecutorService checkers = Executors.newFixedThreadPool(WORKERS, daemon("replay-check"));
      try {
        for (int user : pending) {
          views.add(checkers.submit(() -> status(user)));
        }
        for (int i = 0; i < pending.size(); i++) {
          QueueView view = views.get(i).get();
          int user = pending.get(i);
          if (view == null || view.position() == null) {
            continue;
          }
          visibleAt[user] = at;
          if (view.status() == QueueToken.Status.WAITING) {
            place[user] = headOffset + view.position();
            if (view.position() > anchorPosition || anchor < 0) {
              anchor = user;
              anchorPosition = view.position();
            }
          } else {
            place[user] = headOffset;  // admitted before any check saw it waiting: at the head, order unknown
            seenActiveFirst[user] = true;
          }
        }
      } finally {
        checkers.shutdownNow();
      }
    }

    private QueueView status(int user) {
      try {
        return ProductSeam.status(checker, RushSchedule.userId(user), tokens[user]);
      } catch (RuntimeException e) {
        errors.increment();
        firstError.compareAndSet(null, "check: " + e);
        return null;
      }
    }

    private boolean allVisible() {
      for (int user = 0; user < tokens.length; user++) {
        if (visibleAt[user] < 0) {
          return false;
        }
      }
      return true;
    }

    private Result result(int shards, int replicas, RoundPlan peakRound, RoundPlan quietRound) {
      int users = schedule.users();
      long joined = Arrays.stream(tokens).filter(java.util.Objects::nonNull).count();
      // Maintenance's writes per user placed, without admission's per admitted user (activations and
      // ends of sessions, bounded by the sale's capacity), which are printed as their own figure.
      double admissionWcu = roundMeter.admissionWriteUnits();
      long admittedUsers = rounds.stream().mapToLong(RoundRun::admitted).sum();
      double maintWcu = (roundMeter.writeUnits() - admissionWcu) / users;
      double admissionWcuPerAdmitted = admissionWcu / Math.max(1, admittedUsers);
      double joinWcu = joinMeter.writeUnits() / users;
      double joinRequests = joinMeter.requests() / Math.max(1.0, joinCalls.sum());
      RoundRun peak = ranRound(peakRound);
      RoundRun quiet = ranRound(quietRound);
      double roundGrowth = (double) peak.requests() / Math.max(1, quiet.requests());

      // The busiest second's hottest item that joins write, other than the user's own TOKEN#/USER# items.
      long busiest = joinsPerSecond.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> Long.compare(a.sum(), b.sum())))
          .map(Map.Entry::getKey).orElse(0L);
      String suffix = "@" + busiest;
      Map.Entry<String, LongAdder> hottestJoin = joinMeter.writesPerItemSecond().entrySet().stream()
          .filter(e -> e.getKey().endsWith(suffix))
          .max((a, b) -> Long.compare(a.getValue().sum(), b.getValue().sum())).orElse(null);
      long joinsThen = joinsPerSecond.getOrDefault(busiest, new LongAdder()).sum();
      double hottestPer1k = hottestJoin == null ? 0 : hottestJoin.getValue().sum() * 1000.0 / Math.max(1, joinsThen);

      // Shared items: any item that is not one user's own (TOKEN#/USER#) that rounds or polls touch. The
      // hottest of them in the peak round's epoch (the round's own requests and the polls' since the round
      // before), against the hottest in the quiet round's epoch: whether the load on the busiest shared item
      // grows with the rush. Joins' requests on it are printed beside, not counted: join instances here are
      // a fixed pool, so how many refresh their cache in a second is the model's choice.
      java.util.Set<String> candidates = new java.util.HashSet<>(roundMeter.perItem().keySet());
      candidates.addAll(pollMeter.perItem().keySet());
      candidates.removeIf(item -> item.startsWith("TOKEN#") || item.startsWith("USER#"));
      String sharedAtPeak = hottestIn(candidates, peakRound.index());
      String sharedWhenQuiet = hottestIn(candidates, quietRound.index());
      double sharedGrowth = sharedAtPeak == null ? Double.NaN
          : (double) epochLoad(sharedAtPeak, peakRound.index()) / Math.max(1, epochLoad(sharedWhenQuiet, quietRound.index()));

      double[] visible = new double[users];
      long never = 0;
      for (int user = 0; user < users; user++) {
        if (visibleAt[user] < 0) {
          visible[user] = Double.POSITIVE_INFINITY;
          never++;
        } else {
          visible[user] = (visibleAt[user] - schedule.arrivalMillis()[user]) / 1000.0;
        }
      }
      double[] onTime = new double[users];
      int others = 0;
      for (int user = 0; user < users; user++) {
        if (visibleAt[user] != delayedCheckAt) {
          onTime[others++] = visible[user];
        }
      }
      onTime = Arrays.copyOf(onTime, others);
      Arrays.sort(onTime);
      Arrays.sort(visible);
      double p99 = visible[Math.max(0, (int) Math.ceil(0.99 * users) - 1)];
      double max = visible[users - 1];
      long displacedRecorded = displaced(recordedArrival);
      long displacedClient = displaced(schedule.arrivalMillis());

      report.line("Rounds run: %d (%d failed); critical path per round: max %d waves (%d ms virtual), peak round #%d"
          + " (mark %+d ms) %d requests (%.0f WCU) in %d waves, placed %d; 1%%-of-peak round #%d (mark %+d ms) %d requests"
          + " (%.0f WCU) in %d waves, placed %d; delayed round: %s.", rounds.size(),
          rounds.stream().filter(r -> r.error() != null).count(),
          rounds.stream().mapToInt(RoundRun::waves).max().orElse(0),
          rounds.stream().mapToInt(RoundRun::waves).max().orElse(0) * WAVE_MILLIS, peakRound.index(), peakRound.markMillis(),
          peak.requests(), peak.writeUnits(), peak.waves(), peak.placed(), quietRound.index(), quietRound.markMillis(),
          quiet.requests(), quiet.writeUnits(), quiet.waves(), quiet.placed(), rounds.stream().filter(r -> r.plan().delayed()).findFirst()
              .map(r -> "#" + r.plan().index() + " mark " + r.plan().markMillis() + " ms, run " + r.plan().runMillis()
                  + " ms, " + r.requests() + " requests, " + r.waves() + " waves").orElse("none"));
      report.line("Rounds' write units: %.1f, of which admission's per admitted user %.1f (%,d admitted: tokens made"
          + " ACTIVE, sessions ended), the rest placement's and the rounds' own; each round's (#index:WCU/requests): %s.",
          roundMeter.writeUnits(), admissionWcu, admittedUsers, rounds.stream()
              .map(r -> String.format("#%d:%.0f/%d", r.plan().index(), r.writeUnits(), r.requests())).toList());
      report.line("Joins: %,d calls, %,d requests, %.1f WCU; polls: %,d calls, %,d requests; rounds: %,d requests, %.1f WCU;"
          + " repeat joins answered with a new token: %d; errors: %d%s.", joinCalls.sum(), joinMeter.requests(),
          joinMeter.writeUnits(), pollCalls.sum(), pollMeter.requests(), roundMeter.requests(), roundMeter.writeUnits(),
          repeatNewTokens.sum(), errors.sum(), firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
      report.line("Busiest second %+d s: %,d joins; its hottest shared item joins write: %s (%d writes).", busiest, joinsThen,
          hottestJoin == null ? "none" : hottestJoin.getKey(), hottestJoin == null ? 0 : hottestJoin.getValue().sum());
      report.line("Hottest shared item rounds or polls touch in the peak round's epoch: %s (%d requests; joins' besides: %d);"
          + " in the quiet round's: %s (%d; joins' besides: %d).", sharedAtPeak,
          sharedAtPeak == null ? 0 : epochLoad(sharedAtPeak, peakRound.index()),
          sharedAtPeak == null ? 0 : joinMeter.onItemInEpoch(sharedAtPeak, peakRound.index()), sharedWhenQuiet,
          sharedWhenQuiet == null ? 0 : epochLoad(sharedWhenQuiet, quietRound.index()),
          sharedWhenQuiet == null ? 0 : joinMeter.onItemInEpoch(sharedWhenQuiet, quietRound.index()));
      Map.Entry<String, LongAdder> hottestIndex = joinMeter.indexWritesPerPartitionSecond().entrySet().stream()
          .filter(e -> e.getKey().endsWith(suffix))
          .max((a, b) -> Long.compare(a.getValue().sum(), b.getValue().sum())).orElse(null);
      report.line("Busiest index partition joins write into in that second (not an item, not in the line): %s (%d writes,"
          + " %.2f per 1,000 joins).", hottestIndex == null ? "none" : hottestIndex.getKey(),
          hottestIndex == null ? 0 : hottestIndex.getValue().sum(),
          hottestIndex == null ? 0 : hottestIndex.getValue().sum() * 1000.0 / Math.max(1, joinsThen));
      report.line("Visibility (checked after each round at publish + 1 s, not counted): %,d of %,d users never showed a"
          + " position; %d first seen already admitted; head offset anchors lost: %d. The %,d users the delayed round"
          + " placed left out: p99 %.2f s, max %.2f s.", never, users, countTrue(seenActiveFirst), anchorsLost,
          users - others, onTime.length == 0 ? Double.NaN : onTime[Math.max(0, (int) Math.ceil(0.99 * onTime.length) - 1)],
          onTime.length == 0 ? Double.NaN : onTime[onTime.length - 1]);
      report.line("Displaced beyond %d s: %d against recorded arrival (the slice's clock), %d against the client's start.",
          DISPLACEMENT_WINDOW_MILLIS / 1000, displacedRecorded, displacedClient);
      if (Boolean.getBoolean("bench.replay.items")) {
        for (RoundPlan r : List.of(peakRound, quietRound)) {
          report.line("Round #%d's item touches by kind (a batch or transaction touches each of its items): %s", r.index(),
              roundMeter.kindsInEpoch(r.index()));
        }
        for (RoundRun r : rounds) {
          report.line("Round #%d's write units by the kind of item written first: %s", r.plan().index(),
              roundMeter.writeUnitsByKindInEpoch(r.plan().index()));
        }
        for (ReplayMeter meter : List.of(joinMeter, roundMeter, pollMeter)) {
          report.line("Busiest items of %s: %s", meter.role, meter.perItem().entrySet().stream()
              .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(12)
              .map(e -> e.getKey() + "=" + e.getValue().sum()).toList());
        }
      }
      return new Result(users, shards, replicas, replicaBytes(), maintWcu, admissionWcuPerAdmitted, joinWcu, joinRequests, roundGrowth, hottestPer1k,
          sharedGrowth, p99, max, Math.max(displacedRecorded, displacedClient));
    }

    private long countTrue(boolean[] values) {
      long n = 0;
      for (boolean v : values) {
        n += v ? 1 : 0;
      }
      return n;
    }

    private RoundRun ranRound(RoundPlan plan) {
      return rounds.stream().filter(r -> r.plan().index() == plan.index()).findFirst()
          .orElseThrow(() -> new IllegalStateException("round " + plan.index() + " did not run"));
    }

    private String hottestIn(java.util.Set<String> items, long epoch) {
      return items.stream().max((a, b) -> Long.compare(epochLoad(a, epoch), epochLoad(b, epoch))).orElse(null);
    }

    /** Requests on {@code item} by the round of {@code epoch} and by polls since the round before it. */
    private long epochLoad(String item, long epoch) {
      return roundMeter.onItemInEpoch(item, epoch) + pollMeter.onItemInEpoch(item, epoch);
    }

    /**
     * Users placed behind someone who arrived more than the window later. Users never placed, and
     * pairs of users both first seen already admitted (their order unknown), are not compared.
     */
    private long displaced(long[] arrivals) {
      List<Integer> placed = new ArrayList<>();
      for (int user = 0; user < place.length; user++) {
        if (place[user] != Long.MIN_VALUE) {
          placed.add(user);
        }
      }
      placed.sort((a, b) -> Long.compare(place[a], place[b]));
      long displaced = 0;
      long latestAhead = Long.MIN_VALUE;
      int i = 0;
      while (i < placed.size()) {
        int j = i;
        long latestHere = Long.MIN_VALUE;
        while (j < placed.size() && place[placed.get(j)] == place[placed.get(i)]) {
          int user = placed.get(j);
          if (latestAhead != Long.MIN_VALUE && latestAhead > arrivals[user] + DISPLACEMENT_WINDOW_MILLIS) {
            displaced++;
          }
          latestHere = Math.max(latestHere, arrivals[user]);
          j++;
        }
        latestAhead = Math.max(latestAhead, latestHere);
        i = j;
      }
      return displaced;
    }

    /** The size of one replica of the queue's shared state, as DynamoDB counts it (names and values). */
    private long replicaBytes() {
      var items = observer.query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("QSTATE#" + concertId + "#0")))).items();
      return items.isEmpty() ? 0 : items.stream().mapToLong(RushReplay::itemBytes).max().orElse(0);
    }
  }

  static long itemBytes(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      bytes += utf8(e.getKey()) + valueBytes(e.getValue());
    }
    return bytes;
  }

  private static long valueBytes(AttributeValue v) {
    if (v.s() != null) {
      return utf8(v.s());
    } else if (v.n() != null) {
      return (v.n().length() + 1) / 2 + 1;
    } else if (v.b() != null) {
      return v.b().asByteArray().length;
    } else if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
      return 1;
    } else if (v.hasL()) {
      return 3 + v.l().stream().mapToLong(x -> 1 + valueBytes(x)).sum();
    } else if (v.hasM()) {
      return 3 + v.m().entrySet().stream().mapToLong(x -> 1 + utf8(x.getKey()) + valueBytes(x.getValue())).sum();
    } else if (v.hasSs()) {
      return v.ss().stream().mapToLong(RushReplay::utf8).sum();
    } else if (v.hasNs()) {
      return v.ns().stream().mapToLong(n -> (n.length() + 1) / 2 + 1).sum();
    }
    return 1;
  }

  private static long utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** Join instances: Lambda runs about rate × handler time of them; 20 ms a join at the peak rate. */
  static int joinInstances(RushSchedule.Shape shape) {
    return Math.max(1, (int) Math.round(shape.peakPerSecond() * 0.020));
  }

  /**
   * The graph the rounds run on: the tests' graph of the production modules, which drives queue
   * rounds one by one (a function's graph runs them only as the schedule's maintenance). Built
   * here, not by BenchEngine, so that control.sh's copy builds on the control's commit as well.
   */
  private static TestComponent rounds(DynamoDbClient client, String table, java.time.Clock clock, Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("TABLE_NAME", table);
    return TestComponent.builder().settings(Settings.fromEnvironment(all)).clock(clock)
        .storageModule(new StorageModule(client)).build();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
