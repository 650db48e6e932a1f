package dev.ticketing.bench.replay;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Report;
import dev.ticketing.sale.draw.DrawSeed;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.sale.draw.ShowDraw;
import dev.ticketing.sale.draw.Draw;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.sale.draw.ShowDraw;
import dev.ticketing.sale.draw.Draw;
import dev.ticketing.testing.TestComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A sale's opening replayed in virtual time: users join the pre-queue in the minute before it
 * (the clock set per second, the second's joins on a pool), then maintenance rounds run at the
 * marks from the last one before the opening (and, as MaintenanceRounds schedules it, one at the
 * pre-queue's cut-off, from which the marks go on), and after each round every user is looked up as in
 * {@link RushReplay} (a poll through a one-second-old cache, on an unmetered checker, not counted).
 * Rounds before the last mark ahead of the opening are not replayed: the pre-queue waits for the draw.
 *
 * <p>Prints {@code opening-replay: prequeue=<n> first-active=<s>s all-visible=<s>s
 * waves-to-first-active=<n> prequeue-writes-per-token=<w> draw-matches=<true|false>}: seconds from
 * the opening until a poll would first show a user ACTIVE and until every pre-queued user shows a
 * position; the round waves (of at most FanOut's pool) from the opening to that first ACTIVE; the
 * write units maintenance spends per pre-queued token until all are visible; and whether the order
 * polls show (waiting users by position, admitted ones ahead) is the published draw's order, itself
 * the order the published seed gives.
 *
 * <p>The two moments differ in what a poll needs. A position comes from the queue's shared state,
 * which a poll reads through its instance's cache: it shows a second after the round that
 * published it (the check's extra second). ACTIVE comes from the token alone ({@code QueueViews}
 * judges it from the token's own status and time, the cached state adds only a close), so a poll
 * shows it the moment the activation is stored: first-active is the mark of the round plus its
 * waves up to the one that stored the round's first activation, and waves-to-first-active counts
 * the waves up to that one. Each round's check still confirms it: the first ACTIVE is taken in the
 * round after which a poll first showed one.
 */
public final class OpeningReplay {
  private static final int WORKERS = 16;
  private static final int JOIN_INSTANCES = 200;

  private final Report report;
  private final int users;

  public OpeningReplay(Report report, boolean quick) {
    this.report = report;
    this.users = Integer.getInteger("bench.opening.users", quick ? 20_000 : 100_000);
  }

  public void run() throws Exception {
    long wallStart = System.nanoTime();
    report.subheading("Opening replay in virtual time");
    int pool = RushReplay.fanOutParallelism();
    ReplayMeter joinMeter = new ReplayMeter("join");
    ReplayMeter roundMeter = new ReplayMeter("round");
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    try (BenchEngine engine = BenchEngine.start()) {
      String table = "opening-" + Long.toHexString(System.nanoTime());
      String concertId = "opening-concert";
      engine.createTable(table);
      Map<String, String> env = RushReplay.environment(engine.template(), table);
      long roundMillis = 1000L * Long.parseLong(env.get("ADMISSION_ROUND_SECONDS"));
      long opening = (System.currentTimeMillis() / 1000 + 86_400) * 1000;
      VirtualClock clock = new VirtualClock(opening - 120_000);
      VirtualClock checkClock = new VirtualClock(opening - 120_000);
      DynamoDbClient joinClient = engine.client(joinMeter);
      TestComponent maintenance = BenchEngine.app(engine.client(roundMeter), table, clock, env);
      TestComponent checker = BenchEngine.app(engine.client(), table, checkClock, env);
      TestComponent[] joinApps = new TestComponent[JOIN_INSTANCES];
      for (int i = 0; i < joinApps.length; i++) {
        joinApps[i] = BenchEngine.app(joinClient, table, clock, env);
      }
      LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(opening), ZoneOffset.UTC).plusWeeks(2);
      checker.catalogSeeder().seed(new SeedCatalog(List.of(new SeedConcert(concertId, "Opening replay", "The Benchmarks",
          "Loopback Hall", List.of(new Section("R", 1, 50, 100_000)),
          List.of(new SeedSchedule(concertId + "-d1", date, date.atTime(19, 0).toInstant(ZoneOffset.UTC))),
          Instant.ofEpochMilli(opening)))));
      maintenance.queueRound().run(concertId);

      // The pre-queue: users spread evenly over the minute before the opening, one second per slice.
      String[] tokens = new String[users];
      String[] receipts = new String[users];
      LongAdder joinErrors = new LongAdder();
      Random random = new Random(5);
      long[] at = new long[users];
      for (int u = 0; u < users; u++) {
        at[u] = -60_000 + random.nextInt(59_000);
      }
      for (long second = -60; second < 0; second++) {
        clock.set(opening + second * 1000);
        List<Future<?>> work = new ArrayList<>();
        for (int u = 0; u < users; u++) {
          if (Math.floorDiv(at[u], 1000) == second) {
            int user = u;
            work.add(workers.submit(() -> {
              try {
                QueueView view = joinApps[ThreadLocalRandom.current().nextInt(joinApps.length)].joinQueue()
                    .join(RushSchedule.userId(user), concertId).view();
                tokens[user] = view.token();
                receipts[user] = view.receiptId();
              } catch (RuntimeException e) {
                joinErrors.increment();
              }
            }));
          }
        }
        for (Future<?> f : work) {
          f.get();
        }
      }
      long preQueued = java.util.Arrays.stream(tokens).filter(java.util.Objects::nonNull).count();
      roundMeter.reset();

      long phase = new Random(11).nextInt((int) roundMillis);
      long mark = phase - roundMillis;  // the last mark before the opening
      long firstActive = -1;
      long allVisible = -1;
      int waves = 0;
      int wavesToFirstActive = -1;
      boolean[] visible = new boolean[users];
      List<String> roundsSeen = new ArrayList<>();
      String firstError = null;
      while (mark < 120_000 && allVisible < 0) {
        clock.set(opening + mark);
        roundMeter.recordSpans();
        try {
          maintenance.queueRound().run(concertId);
        } catch (RuntimeException e) {
          firstError = firstError == null ? String.valueOf(e) : firstError;
        }
        List<ReplayMeter.Span> spans = roundMeter.stopSpans();
        int roundWaves = RushReplay.waves(spans, pool);
        // A poll shows a token ACTIVE from the token itself as soon as its activation is stored.
        int activationWaves = RushReplay.wavesThrough(spans, pool, ReplayMeter.Span::activation).orElse(roundWaves);
        int wavesBefore = waves;
        waves += mark >= 0 ? roundWaves : 0;
        if (mark >= 0 && allVisible < 0) {
          roundsSeen.add(String.format("%+d ms: %d waves%s", mark, roundWaves,
              activationWaves < roundWaves ? " (first activation stored in wave " + activationWaves + ")" : ""));
        }
        long checkAt = mark + roundWaves * RushReplay.WAVE_MILLIS + 1000;
        checkClock.set(opening + checkAt);
        List<Future<QueueView>> views = new ArrayList<>();
        for (int u = 0; u < users; u++) {
          int user = u;
          views.add(tokens[u] == null || visible[u] ? null : workers.submit(() -> checker.queueStatus()
              .status(RushSchedule.userId(user), QueueTokenId.parse(tokens[user]))));
        }
        boolean all = true;
        for (int u = 0; u < users; u++) {
          if (views.get(u) == null) {
            continue;
          }
          QueueView view = views.get(u).get();
          visible[u] = view.position() != null;
          all &= visible[u];
          if (view.status() == QueueToken.Status.ACTIVE && firstActive < 0) {
            firstActive = mark + activationWaves * RushReplay.WAVE_MILLIS;
            wavesToFirstActive = wavesBefore + activationWaves;
          }
        }
        if (all) {
          allVisible = checkAt;
        }
        // The next round as MaintenanceRounds schedules it: a mark later, or at the pre-queue's
        // cut-off if that comes first.
        long regular = mark + roundMillis;
        mark = maintenance.queueRound().roundDueAfter(Instant.ofEpochMilli(opening + mark))
            .map(due -> due.toEpochMilli() - opening).filter(due -> due < regular).orElse(regular);
      }

      boolean matches = drawMatches(checker, concertId, users, tokens, receipts, workers);
      double writesPerToken = roundMeter.writeUnits() / Math.max(1, preQueued);
      report.line("Pre-queued %,d of %,d users (%d join errors) in the minute before the opening; rounds from the mark"
          + " %d ms before it, every %d s; FanOut pool %d; maintenance until all visible: %,d requests, %.1f WCU%s.",
          preQueued, users, joinErrors.sum(), roundMillis - phase, roundMillis / 1000, pool, roundMeter.requests(),
          roundMeter.writeUnits(), firstError == null ? "" : "; first round error: " + firstError);
      report.line("Rounds from the opening until all visible (mark: waves): %s.", String.join("; ", roundsSeen));
      report.line("Replay took %d s of wall time.", (System.nanoTime() - wallStart) / 1_000_000_000L);
      report.line(String.format("opening-replay: prequeue=%d first-active=%.2fs all-visible=%.2fs waves-to-first-active=%d"
          + " prequeue-writes-per-token=%.3f draw-matches=%s", preQueued, firstActive / 1000.0, allVisible / 1000.0,
          wavesToFirstActive, writesPerToken, matches));
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * Whether polls show the draw's order: one look at every user at one moment (one cached state),
   * waiting users sorted by position, the admitted ones ahead of them, is the published draw; and
   * the published draw is the order its seed gives (each entry's hmac from the seed, sorted).
   */
  private static boolean drawMatches(TestComponent checker, String concertId, int users, String[] tokens, String[] receipts,
      ExecutorService workers) throws Exception {
    List<Draw.Entry> published = new ArrayList<>();
    String seed = null;
    for (Optional<Long> from = Optional.of(0L); from.isPresent(); ) {
      ShowDraw.Page page = checker.showDraw().page(concertId, from.get(), ShowDraw.MAX_LIMIT);
      published.addAll(page.entries());
      seed = page.drawSeed();
      from = page.nextFrom();
    }
    if (seed == null || published.isEmpty()) {
      return false;
    }
    DrawSeed drawSeed = DrawSeed.fromHex(seed);
    for (Draw.Entry entry : published) {
      if (!entry.hmac().equals(Draw.hmac(drawSeed, entry.receiptId()))) {
        return false;
      }
    }
    List<Draw.Entry> sorted = new ArrayList<>(published);
    sorted.sort(Draw.ORDER);
    if (!sorted.equals(published)) {
      return false;
    }
    List<Future<QueueView>> views = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int user = u;
      views.add(tokens[u] == null ? null
          : workers.submit(() -> checker.queueStatus().status(RushSchedule.userId(user), QueueTokenId.parse(tokens[user]))));
    }
    List<String> admitted = new ArrayList<>();
    Map<String, Long> waiting = new HashMap<>();
    for (int u = 0; u < users; u++) {
      if (views.get(u) != null) {
        QueueView view = views.get(u).get();
        if (view.status() == QueueToken.Status.ACTIVE) {
          admitted.add(receipts[u]);
        } else if (view.position() != null) {
          waiting.put(receipts[u], view.position());
        }
      }
    }
    List<String> drawOrder = published.stream().map(Draw.Entry::receiptId).toList();
    if (!new java.util.HashSet<>(drawOrder.subList(0, Math.min(admitted.size(), drawOrder.size())))
        .equals(new java.util.HashSet<>(admitted))) {
      return false;
    }
    List<String> shown = waiting.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    return shown.equals(drawOrder.subList(admitted.size(), drawOrder.size()));
  }
}
