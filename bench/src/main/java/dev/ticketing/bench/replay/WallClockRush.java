package dev.ticketing.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Report;
import dev.ticketing.bench.support.Stats;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.local.LocalRuntime;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.wiring.AppComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The rush's scenario ({@link RushSchedule}: arrivals at peak·e^(−t/τ), 5% joining again, 1%
 * polling) against the local runtime in real time: the runtime in-process on a free loopback port,
 * with the template's settings and its real scheduler (a maintenance round every
 * ADMISSION_ROUND_SECONDS), on an embedded engine this section owns; joins and polls over real
 * HTTP sockets. The virtual replay shows what a rush costs and that its logic orders arrivals; this
 * shows that on a wall clock, with rounds that take the time they take, places still follow
 * arrival and nobody waits more than two rounds for one.
 *
 * <p>The peak is what this machine sustains, measured first on a calibration concert (closed loop,
 * then halved: rounds and polls run alongside the rush), unless {@code -Dbench.wallclock.peak} sets it.
 * Places are read once the runtime is stopped (no round moves the head meanwhile), through the
 * status use case on the same table; the second each join was recorded in is read from its token item.
 */
public final class WallClockRush {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long ORDER_GAP_MILLIS = 3_000;
  private static final int SENDERS = 48;
  private static final String CONCERT = "wallclock-concert";
  private static final String CALIBRATION = "wallclock-calibration";
  /**
   * At least this many users poll: 1% of the few hundred users this machine takes in a minute is a
   * handful, too few for a p99. Every k-th user polls besides the schedule's 1%.
   */
  private static final int MIN_POLLERS = 50;

  /** The last line's values. */
  record Result(int users, int seconds, long joinsPerSecondPeak, double firstPlaceP99, double firstPlaceMax,
      double roundsLimit, long displaced, long errors) {
    String line() {
      return String.format("wallclock-rush: users=%d seconds=%d joins-per-s-peak=%d first-place-p99=%.2fs"
          + " first-place-max=%.2fs rounds-limit=%.0fs displaced=%d errors=%d", users, seconds, joinsPerSecondPeak,
          firstPlaceP99, firstPlaceMax, roundsLimit, displaced, errors);
    }
  }

  private final Report report;
  private final int seconds;

  public WallClockRush(Report report, boolean quick) {
    this.report = report;
    this.seconds = Integer.getInteger("bench.wallclock.seconds", quick ? 20 : 60);
  }

  public Result run() throws Exception {
    report.subheading("Rush in real time against the local runtime (wallclock)");
    try (BenchEngine engine = BenchEngine.start()) {
      String table = "wallclock-" + Long.toHexString(System.nanoTime());
      engine.createTable(table);
      Map<String, String> template = RushReplay.environment(engine.template(), table);
      long roundSeconds = Long.parseLong(template.get("ADMISSION_ROUND_SECONDS"));
      long settleSeconds = Long.parseLong(template.getOrDefault("QUEUE_PLACEMENT_SETTLE_SECONDS", "0"));
      Map<String, String> env = new HashMap<>();
      env.put("PORT", "0");
      env.put("DYNAMODB_ENDPOINT", engine.endpoint().toString());
      env.put("TABLE_NAME", table);
      // The deployed cadence: one maintenance round every ADMISSION_ROUND_SECONDS, as the Lambda's loop runs them.
      env.put("SCHEDULER_INTERVAL_SECONDS", String.valueOf(roundSeconds));
      long calibrationMillis = 4_000;
      // The rush opens after the runtime is up and the calibration is over, on a whole second.
      long opening = (System.currentTimeMillis() / 1000 + 15 + calibrationMillis / 1000) * 1000;
      LocalRuntime runtime = LocalRuntime.start(env, Clock.systemUTC(), Optional.of(catalog(opening)));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, daemon("wallclock-http"))).build();
      Run run;
      try {
        report.line("Local runtime on %s (template settings: rounds every %d s, settle %d s, %s join shards, %s state"
            + " replicas, at most %s active), embedded engine at %s.", runtime.baseUri(), roundSeconds, settleSeconds,
            template.get("QUEUE_JOIN_SHARDS"), template.get("QUEUE_STATE_REPLICAS"), template.get("QUEUE_MAX_ACTIVE"),
            engine.endpoint());
        double sustained = calibrate(http, runtime.baseUri(), calibrationMillis);
        double peak = Double.parseDouble(System.getProperty("bench.wallclock.peak", String.valueOf(Math.max(5, Math.floor(sustained / 2)))));
        report.line("Calibration: %.0f joins/s sustained over %d s by %d senders in a closed loop; peak of the rush %.0f/s"
            + " (half: polls and rounds run alongside; -Dbench.wallclock.peak overrides).", sustained,
            calibrationMillis / 1000, SENDERS, peak);
        RushSchedule schedule = RushSchedule.draw(new RushSchedule.Shape(peak, seconds / 6.0, 6), 20261207L);
        report.line("Arrivals at %.0f/s·e^(−t/%.1fs) for %d s: %,d users, %,d joins (%.0f%% repeat), %.0f%% of users poll"
            + " with the server's pollAfterSeconds.", peak, seconds / 6.0, seconds, schedule.users(), schedule.joins().size(),
            RushSchedule.REPEAT_SHARE * 100, RushSchedule.POLL_SHARE * 100);
        run = new Run(http, runtime.baseUri(), schedule, opening, 1000 * (2 * roundSeconds + settleSeconds));
        report.line("Polling users: the schedule's 1%% and one user in every %d (at least %d in all): %,d.",
            Math.max(1, schedule.users() / MIN_POLLERS), MIN_POLLERS, run.pollingUsers());
        run.rush();
      } finally {
        // Stopped before places are read, so no round moves the head while they are.
        runtime.close();
      }
      return run.verdict(engine, table, template, roundSeconds, settleSeconds);
    }
  }

  private static SeedCatalog catalog(long opening) {
    LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(opening), ZoneOffset.UTC).plusWeeks(2);
    List<SeedSchedule> dates = new ArrayList<>();
    for (int d = 1; d <= 5; d++) {  // 250 seats: five dates of 50
      dates.add(new SeedSchedule(CONCERT + "-d" + d, date.plusDays(d), date.plusDays(d).atTime(19, 0).toInstant(ZoneOffset.UTC)));
    }
    LocalDate calibrationDate = date.plusDays(30);
    return new SeedCatalog(List.of(
        new SeedConcert(CONCERT, "Wall-clock rush", "The Benchmarks", "Loopback Hall", List.of(new Section("R", 1, 50, 100_000)),
            dates, Instant.ofEpochMilli(opening)),
        new SeedConcert(CALIBRATION, "Calibration", "The Benchmarks", "Loopback Hall", List.of(new Section("R", 1, 50, 100_000)),
            List.of(new SeedSchedule(CALIBRATION + "-d1", calibrationDate,
                calibrationDate.atTime(19, 0).toInstant(ZoneOffset.UTC))))));
  }

  /** Joins per second that {@link #SENDERS} senders get answered, one after another, on an open concert. */
  private double calibrate(HttpClient http, URI base, long millis) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS, daemon("wallclock-calibrate"));
    LongAdder answered = new LongAdder();
    // A short warm-up first (the handlers' first requests load classes).
    long warmUntil = System.currentTimeMillis() + 3_000;
    long end = warmUntil + millis;
    List<Future<?>> loops = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      int sender = s;
      loops.add(senders.submit(() -> {
        for (int i = 0; System.currentTimeMillis() < end; i++) {
          HttpResponse<String> r = send(http, join(base, CALIBRATION, "calibration-" + sender + "-" + i));
          if (System.currentTimeMillis() >= warmUntil && r != null && r.statusCode() / 100 == 2) {
            answered.increment();
          }
        }
        return null;
      }));
    }
    for (Future<?> loop : loops) {
      loop.get();
    }
    senders.shutdownNow();
    return answered.sum() * 1000.0 / millis;
  }

  private static HttpRequest join(URI base, String concert, String user) {
    return HttpRequest.newBuilder(URI.create(base + "/concerts/" + concert + "/queue/tokens"))
        .timeout(Duration.ofSeconds(30)).header("X-User-Id", user).POST(HttpRequest.BodyPublishers.noBody()).build();
  }

  private static HttpRequest status(URI base, String user, String token) {
    return HttpRequest.newBuilder(URI.create(base + "/queue/status")).timeout(Duration.ofSeconds(30))
        .header("X-User-Id", user).header("X-Queue-Token", token).GET().build();
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** One rush: its users' joins, polls and outcomes. */
  private final class Run {
    private final HttpClient http;
    private final URI base;
    private final RushSchedule schedule;
    private final long opening;
    private final long roundsLimitMillis;
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, daemon("wallclock-join"));
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(8, daemon("wallclock-poll"));
    // Per user (first join): when the client sent it and got the answer (wall millis), its token.
    private final long[] sentAt;
    private final long[] answeredAt;
    private final String[] tokens;
    // Per polling user: when a poll first showed a position (millis after the join's answer), and polls made.
    private final long[] firstPlaceAfter;
    private final int[] polls;
    // Per polling user: the last poll that still showed no position (millis after the answer; 0: none).
    private final long[] lastUnplacedAfter;
    private final boolean[] polling;
    private final Map<Long, LongAdder> joinsPerSecond = new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final LongAdder lateSends = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile long stopPollsAt = Long.MAX_VALUE;

    Run(HttpClient http, URI base, RushSchedule schedule, long opening, long roundsLimitMillis) {
      this.http = http;
      this.base = base;
      this.schedule = schedule;
      this.opening = opening;
      this.roundsLimitMillis = roundsLimitMillis;
      int users = schedule.users();
      sentAt = new long[users];
      answeredAt = new long[users];
      tokens = new String[users];
      firstPlaceAfter = new long[users];
      polls = new int[users];
      lastUnplacedAfter = new long[users];
      polling = schedule.polls().clone();
      int every = Math.max(1, users / MIN_POLLERS);
      for (int user = 0; user < users; user += every) {
        polling[user] = true;
      }
      Arrays.fill(firstPlaceAfter, -1);
    }

    long pollingUsers() {
      long n = 0;
      for (boolean p : polling) {
        n += p ? 1 : 0;
      }
      return n;
    }

    void rush() throws Exception {
      List<Future<?>> sent = new ArrayList<>();
      for (RushSchedule.Join join : schedule.joins()) {
        long due = opening + join.atMillis();
        long wait = due - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        sent.add(senders.submit(() -> join(join)));
      }
      for (Future<?> f : sent) {
        f.get();
      }
      // Polling users go on until they see a place, at most two rounds and the settle time (and a
      // poll interval) after the last join's answer; the rest is the check's failure to report.
      long lastAnswer = Arrays.stream(answeredAt).max().orElse(System.currentTimeMillis());
      stopPollsAt = lastAnswer + roundsLimitMillis + 5_000;
      // Every user should have a place two rounds and the settle time after the last answer: the
      // order check reads them all once the runtime stops.
      long everyonePlaced = lastAnswer + roundsLimitMillis + 1_000;
      while (System.currentTimeMillis() < stopPollsAt && (System.currentTimeMillis() < everyonePlaced || !allPollersPlaced())) {
        Thread.sleep(200);
      }
      stopPollsAt = System.currentTimeMillis();
      pollers.shutdownNow();
      pollers.awaitTermination(30, TimeUnit.SECONDS);
      senders.shutdownNow();
    }

    private boolean allPollersPlaced() {
      for (int user = 0; user < tokens.length; user++) {
        if (polling[user] && tokens[user] != null && firstPlaceAfter[user] < 0) {
          return false;
        }
      }
      return true;
    }

    private void join(RushSchedule.Join join) {
      int user = join.user();
      long sent = System.currentTimeMillis();
      if (sent - (opening + join.atMillis()) > 1_000) {
        lateSends.increment();
      }
      HttpResponse<String> response = send(http, WallClockRush.join(base, CONCERT, RushSchedule.userId(user)));
      long answered = System.currentTimeMillis();
      if (response == null || response.statusCode() / 100 != 2) {
        error("join", response);
        return;
      }
      if (join.repeat()) {
        return;
      }
      try {
        JsonNode body = JSON.readTree(response.body());
        joinsPerSecond.computeIfAbsent(Math.floorDiv(sent - opening, 1000), k -> new LongAdder()).increment();
        sentAt[user] = sent;
        answeredAt[user] = answered;
        tokens[user] = body.get("token").asText();
        if (polling[user]) {
          seen(user, body, answered);
          schedulePoll(user, body);
        }
      } catch (java.io.IOException e) {
        error("join", response);
      }
    }

    private void schedulePoll(int user, JsonNode view) {
      long after = 1000L * Math.max(1, view.path("pollAfterSeconds").asInt(2));
      if (System.currentTimeMillis() + after < stopPollsAt && firstPlaceAfter[user] < 0) {
        pollers.schedule(() -> poll(user), after, TimeUnit.MILLISECONDS);
      }
    }

    private void poll(int user) {
      HttpResponse<String> response = send(http, status(base, RushSchedule.userId(user), tokens[user]));
      long at = System.currentTimeMillis();
      polls[user]++;
      if (response == null || response.statusCode() != 200) {
        error("poll", response);
        return;
      }
      try {
        JsonNode body = JSON.readTree(response.body());
        seen(user, body, at);
        if ("WAITING".equals(body.path("status").asText())) {
          schedulePoll(user, body);
        }
      } catch (java.io.IOException e) {
        error("poll", response);
      }
    }

    private void seen(int user, JsonNode view, long at) {
      boolean placed = !view.path("position").isNull() && !view.path("position").isMissingNode()
          || !"WAITING".equals(view.path("status").asText());
      if (placed && firstPlaceAfter[user] < 0) {
        firstPlaceAfter[user] = at - answeredAt[user];
      } else if (!placed) {
        lastUnplacedAfter[user] = at - answeredAt[user];
      }
    }

    private void error(String what, HttpResponse<String> response) {
      errors.increment();
      firstError.compareAndSet(null, what + ": " + (response == null ? "no answer" : response.statusCode() + " " + response.body()));
    }

    Result verdict(BenchEngine engine, String table, Map<String, String> template, long roundSeconds, long settleSeconds)
        throws Exception {
      int users = schedule.users();
      long joined = Arrays.stream(tokens).filter(java.util.Objects::nonNull).count();
      Map<String, Long> recordedSecond = recordedSeconds(engine, table);
      // Places, with no round running: WAITING by position; ACTIVE users are at the head, in an order not shown.
      long[] place = new long[users];
      long[] second = new long[users];
      Arrays.fill(place, Long.MIN_VALUE);
      try (DynamoDbClient client = engine.client()) {
        Map<String, String> env = new HashMap<>(template);
        AppComponent checker = BenchEngine.app(client, table, Clock.systemUTC(), env);
        ExecutorService checkers = Executors.newFixedThreadPool(8, daemon("wallclock-check"));
        List<Future<QueueView>> views = new ArrayList<>();
        for (int user = 0; user < users; user++) {
          int u = user;
          views.add(tokens[user] == null ? null : checkers.submit(() -> checker.queueStatus()
              .status(RushSchedule.userId(u), QueueTokenId.parse(tokens[u]))));
        }
        for (int user = 0; user < users; user++) {
          if (views.get(user) == null) {
            continue;
          }
          try {
            QueueView view = views.get(user).get();
            if (view.status() == QueueToken.Status.ACTIVE) {
              place[user] = 0;
            } else if (view.position() != null) {
              place[user] = view.position();
            }
          } catch (java.util.concurrent.ExecutionException e) {
            errors.increment();
            firstError.compareAndSet(null, "check: " + e.getCause());
          }
          second[user] = recordedSecond.getOrDefault(RushSchedule.userId(user), Long.MIN_VALUE);
        }
        checkers.shutdownNow();
      }
      long unplaced = 0;
      for (int user = 0; user < users; user++) {
        if (tokens[user] != null && place[user] == Long.MIN_VALUE) {
          unplaced++;
        }
      }
      long bySecond = displaced(place, second, ORDER_GAP_MILLIS / 1000);
      long bySend = displaced(place, sentAt, ORDER_GAP_MILLIS);
      long displaced = Math.max(bySecond, bySend);

      List<Double> waits = new ArrayList<>();
      List<Double> unplacedSeen = new ArrayList<>();
      long pollers = 0;
      long neverPlaced = 0;
      long pollCount = 0;
      for (int user = 0; user < users; user++) {
        if (polling[user] && tokens[user] != null) {
          pollers++;
          pollCount += polls[user];
          if (firstPlaceAfter[user] < 0) {
            neverPlaced++;
          } else {
            waits.add(firstPlaceAfter[user] / 1000.0);
            unplacedSeen.add(lastUnplacedAfter[user] / 1000.0);
          }
        }
      }
      double[] w = waits.stream().mapToDouble(Double::doubleValue).toArray();
      double p99 = neverPlaced > 0 ? Double.POSITIVE_INFINITY : w.length == 0 ? 0 : Stats.percentile(w, 99);
      double max = neverPlaced > 0 ? Double.POSITIVE_INFINITY : w.length == 0 ? 0 : Arrays.stream(w).max().orElse(0);
      long peakSecond = joinsPerSecond.values().stream().mapToLong(LongAdder::sum).max().orElse(0);
      double limit = roundsLimitMillis / 1000.0;

      report.line("Joined %,d of %,d users (%,d sends more than 1 s behind schedule); busiest second %,d first joins.",
          joined, users, lateSends.sum(), peakSecond);
      report.line("Order: %,d users placed behind one who joined ≥ 3 s later by the recorded second, %,d by the client's"
          + " send time (the larger counts); %,d joined but had no place when the runtime stopped.", bySecond, bySend, unplaced);
      report.line("First place (join answer to the first poll showing a position; polls every pollAfterSeconds, 2 s"
          + " ±20%% while unplaced): %,d polling users, %,d polls, p50 %.2f s, p99 %.2f s, max %.2f s, %d never placed;"
          + " limit 2 × %d s rounds + %d s settle = %.0f s.", pollers, pollCount, w.length == 0 ? 0 : Stats.percentile(w, 50),
          p99, max, neverPlaced, roundSeconds, settleSeconds, limit);
      double[] lower = unplacedSeen.stream().mapToDouble(Double::doubleValue).toArray();
      report.line("The place appeared between a user's last poll without one and the first with one: the last poll"
          + " without one came at p99 %.2f s, max %.2f s after the answer (a lower bound of the wait; the first-place"
          + " figures are its upper bound, a poll interval later).", lower.length == 0 ? 0 : Stats.percentile(lower, 99),
          Arrays.stream(lower).max().orElse(0));
      if (firstError.get() != null) {
        report.line("First error: %s", firstError.get());
      }
      report.line("Checks:");
      check("places follow recorded arrival (displaced = 0)", displaced == 0 && unplaced == 0);
      check(String.format("first-place-p99 <= %.0f s", limit), p99 <= limit);
      check(String.format("first-place-max <= %.0f s", limit), max <= limit);
      check("errors = 0", errors.sum() == 0);
      check("the client kept to the schedule (no send > 1 s late)", lateSends.sum() == 0);
      Result result = new Result(users, seconds, peakSecond, p99, max, limit, displaced, errors.sum());
      report.line(result.line());
      return result;
    }

    private void check(String what, boolean pass) {
      report.line("  %-55s %s", what, pass ? "✓" : "✗");
    }

    /** Per user id: the second its join was recorded in (the token's arrival bucket), from the table. */
    private Map<String, Long> recordedSeconds(BenchEngine engine, String table) {
      Map<String, Long> seconds = new HashMap<>();
      try (DynamoDbClient client = engine.client()) {
        String prefix = "TOKEN#" + CONCERT + "#";
        client.scanPaginator(ScanRequest.builder().tableName(table).build()).items().forEach(item -> {
          AttributeValue pk = item.get("pk");
          AttributeValue user = item.get("userId");
          if (pk != null && pk.s() != null && pk.s().startsWith(prefix) && user != null) {
            AttributeValue bucket = item.get("bucket");
            AttributeValue joinedAt = item.get("joinedAt");
            long s = bucket != null ? Long.parseLong(bucket.n())
                : joinedAt != null ? Math.floorDiv(Long.parseLong(joinedAt.n()), 1000) : Long.MIN_VALUE;
            seconds.put(user.s(), s);
          }
        });
      }
      return seconds;
    }
  }

  /**
   * Users placed behind someone whose key is at least {@code gap} smaller (joined that much
   * earlier): sorted by key, each user is compared with the largest place among those {@code gap}
   * or more before it. ACTIVE users (place 0) ahead of earlier waiting ones are counted too; two
   * ACTIVE users are never, their order not being shown.
   */
  static long displaced(long[] place, long[] key, long gap) {
    List<Integer> users = new ArrayList<>();
    for (int u = 0; u < place.length; u++) {
      if (place[u] != Long.MIN_VALUE && key[u] != Long.MIN_VALUE && key[u] != 0) {
        users.add(u);
      }
    }
    users.sort((a, b) -> Long.compare(key[a], key[b]));
    long count = 0;
    long maxBefore = Long.MIN_VALUE;
    int j = 0;
    for (int user : users) {
      while (j < users.size() && key[users.get(j)] <= key[user] - gap) {
        maxBefore = Math.max(maxBefore, place[users.get(j)]);
        j++;
      }
      if (maxBefore > place[user]) {
        count++;
      }
    }
    return count;
  }
}
