package dev.ticketing.bench.rush;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Report;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.QueueView;
import dev.ticketing.queue.ShowDraw;
import dev.ticketing.sale.Draw;
import dev.ticketing.wiring.AppComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opening's target for the pre-queue: 100,000 pre-queued users placed and the first admitted
 * within 10 s of the opening, without a write per user to a shared item. Users join through the
 * real join path ({@code JoinQueue}) before the opening, on the embedded engine; the clock then
 * jumps to the opening and maintenance runs its rounds as the Lambda does (every
 * ADMISSION_ROUND_SECONDS, all steps). An observer outside the measured client reads the queue's
 * counters every 50 ms and prints when the draw was recorded, when every place was written into its
 * token (what a poll reads) and when the first user became ACTIVE; afterwards every token is read
 * back and checked against the published draw. The {@link HeatMeter} gives the hottest keys from
 * the opening on, {@link WriteTally} every kind of item written and the most writes any one took.
 * Last line: {@code draw-opening: users=<n> drawn=<s> placed=<s> first-admitted=<s> target=<met|missed>}.
 */
public final class DrawBench {
  /** The issue's target, from the opening. */
  private static final Duration TARGET = Duration.ofSeconds(10);

  private final Report report;
  private final int users;
  private final Duration giveUpAfter;

  public DrawBench(Report report, boolean quick) {
    this.report = report;
    this.users = Integer.getInteger("bench.draw.users", quick ? 10_000 : 100_000);
    this.giveUpAfter = Duration.ofSeconds(Long.getLong("bench.draw.seconds", 180));
  }

  /** One pre-queued user as the join answered. */
  private record Joined(String userId, String token, String receiptId) {}

  /** When the observer first saw each milestone, in ms after the opening (-1: not seen). */
  private static final class Milestones {
    final AtomicLong drawn = new AtomicLong(-1);
    final AtomicLong firstPlaceWritten = new AtomicLong(-1);
    final AtomicLong allPlacesWritten = new AtomicLong(-1);
    final AtomicLong firstAdmitted = new AtomicLong(-1);

    boolean done() {
      return allPlacesWritten.get() >= 0 && firstAdmitted.get() >= 0;
    }

    static void seen(AtomicLong milestone, boolean reached, long at) {
      if (reached) {
        milestone.compareAndSet(-1, at);
      }
    }
  }

  public void run() throws Exception {
    report.heading("Opening a pre-queue of " + String.format("%,d", users));
    try (BenchEngine engine = BenchEngine.start()) {
      String table = "draw-opening";
      String concertId = "draw-opening";
      engine.createTable(table);
      Map<String, String> env = RushWiring.environment(engine.template(), table);
      IndexShadow shadow = new IndexShadow();
      HeatMeter meter = new HeatMeter(shadow);
      WriteTally tally = new WriteTally(shadow);
      ShiftedClock clock = new ShiftedClock();
      Instant opening = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
      try (DynamoDbClient client = RushWiring.client(engine.endpoint(), shadow, meter, tally);
          DynamoDbClient observer = RushWiring.client(engine.endpoint())) {
        AppComponent maintenance = BenchEngine.app(client, table, clock, env);
        LocalDate date = LocalDate.now(clock).plusDays(8);
        maintenance.catalogSeeder().seed(new SeedCatalog(List.of(new SeedConcert(concertId, "Draw benchmark",
            "The Benchmarks", "Loopback Hall", List.of(new Section("R", 1, 50, 100_000)),
            List.of(new SeedSchedule(concertId + "-d1", date, date.atTime(19, 0).toInstant(ZoneOffset.UTC))), opening))));
        maintenance.maintenance().runAll();  // the shared state joins read, as maintenance writes it before a sale

        List<Joined> joined = "items".equals(System.getProperty("bench.draw.prequeue"))
            ? preQueueItems(client, table, concertId, opening, Integer.parseInt(env.get("QUEUE_JOIN_SHARDS")))
            : preQueue(BenchEngine.app(client, table, clock, env), concertId);

        tally.start();
        long fromSecond = RushWiring.nextSecond();
        RushWiring.sleepUntilSecond(fromSecond);
        clock.jumpTo(opening);
        long openedNanos = System.nanoTime();
        Milestones seen = new Milestones();
        AtomicReference<String> observerFailure = new AtomicReference<>();
        Thread watch = new Thread(() -> observe(observer, table, concertId, openedNanos, seen, observerFailure), "draw-observer");
        watch.setDaemon(true);
        watch.start();
        List<Long> roundMillis = new ArrayList<>();
        List<String> failedSteps = new ArrayList<>();
        Duration period = RushWiring.roundPeriod(new QueueDesign.Stage(table, concertId, env, clock));
        long nextRound = openedNanos;
        while (!seen.done() && System.nanoTime() - openedNanos < giveUpAfter.toNanos()) {
          long wait = nextRound - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          long started = System.nanoTime();
          var round = meter.measure("maintenance", () -> maintenance.maintenance().runAll());
          roundMillis.add((System.nanoTime() - started) / 1_000_000);
          failedSteps.addAll(round.failed());
          nextRound = started + period.toNanos();
          Thread.sleep(100);  // the observer's next look
        }
        long endSecond = System.currentTimeMillis() / 1000 + 1;
        watch.interrupt();
        watch.join();
        tally.stop();
        RushWiring.sleepUntilSecond(endSecond);
        HeatMeter.Window window = meter.window(fromSecond, endSecond);

        Check check = check(maintenance, observer, table, concertId, joined);
        print(seen, roundMillis, failedSteps, window, tally, check, observerFailure.get(), period);
      }
    }
  }

  /** {@code users} joins through {@code JoinQueue}, 16 at a time, before the opening. */
  private List<Joined> preQueue(AppComponent app, String concertId) throws Exception {
    int threads = 16;
    Joined[] joined = new Joined[users];
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < users; i = next.getAndIncrement()) {
            String userId = "pre-" + i;
            QueueView view = join(app, userId, concertId);
            if (view.position() != null) {
              throw new IllegalStateException("a pre-queue join got a position: " + view.position());
            }
            joined[i] = new Joined(userId, view.token(), view.receiptId());
            if (i > 0 && i % 20_000 == 0) {
              report.progress("  %,d joined", i);
            }
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    report.line("Pre-queue: %,d users joined through `JoinQueue.join` (the join's real path: pointer read, one "
        + "transaction of token and pointer), 16 at a time, in %.1f s (%.0f joins/s), before the opening.",
        users, seconds, users / seconds);
    return List.of(joined);
  }

  /**
   * The same two items each join writes (the token, waiting in a random shard of the pre-queue's
   * index, and the user's pointer to it; `QueueItems.newTokenItem`, `DynamoJoinStore`), written
   * 25 to a BatchWriteItem instead of one transaction per user: a machine that joins at a few
   * hundred a second would take many minutes for 100,000. The draw and the checks read them as
   * they read joins' items; a difference of format would show there.
   */
  private List<Joined> preQueueItems(DynamoDbClient client, String table, String concertId, Instant opening, int shards)
      throws Exception {
    long started = System.nanoTime();
    Joined[] joined = new Joined[users];
    long ttl = opening.plus(Duration.ofDays(7 + 365)).getEpochSecond();
    long joinedAt = opening.minus(Duration.ofHours(1)).toEpochMilli();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int start = 0; start < users; start += 12) {
        int from = start;
        writes.add(pool.submit(() -> {
          List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> items = new ArrayList<>();
          for (int i = from; i < Math.min(users, from + 12); i++) {
            String userId = "pre-" + i;
            QueueTokenId id = QueueTokenId.generate(concertId, userId);
            String receipt = QueueToken.newReceiptId();
            long at = joinedAt + i;
            Map<String, AttributeValue> token = new HashMap<>();
            token.put("pk", AttributeValue.fromS("TOKEN#" + concertId + "#" + id.ownerHash()));
            token.put("sk", AttributeValue.fromS("TOKEN"));
            token.put("secret", AttributeValue.fromS(id.secret()));
            token.put("receiptId", AttributeValue.fromS(receipt));
            token.put("userId", AttributeValue.fromS(userId));
            token.put("status", AttributeValue.fromS("WAITING"));
            token.put("joinedAt", AttributeValue.fromN(Long.toString(at)));
            token.put("gsi1pk", AttributeValue.fromS("PREQUEUE#" + concertId + "#" + java.util.concurrent.ThreadLocalRandom.current().nextInt(shards)));
            token.put("gsi1sk", AttributeValue.fromS(String.format("%015d#%s", at, receipt)));
            token.put("ttl", AttributeValue.fromN(Long.toString(ttl)));
            items.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(r -> r.item(token)).build());
            joined[i] = new Joined(userId, id.value(), receipt);
          }
          Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> pending = Map.of(table, items);
          while (!pending.isEmpty()) {
            Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> request = pending;
            pending = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
          }
          return null;
        }));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    report.line("Pre-queue: %,d users written as the join writes them (token in a random shard of the pre-queue's index, "
        + "and the user's pointer), 24 items to a BatchWriteItem instead of the join's transaction, in %.1f s, before "
        + "the opening (`-Dbench.draw.prequeue=items`; without it, users join through `JoinQueue.join`).", users, seconds);
    return List.of(joined);
  }

  /** A join, tried again as a user would when this busy machine times it out (the token is the same if it was stored). */
  private static QueueView join(AppComponent app, String userId, String concertId) {
    for (int attempt = 1; ; attempt++) {
      try {
        return app.joinQueue().join(userId, concertId).view();
      } catch (dev.ticketing.storage.StorageUnavailableException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** Reads the counters (consistently, outside the measured client) until interrupted. */
  private static void observe(DynamoDbClient observer, String table, String concertId, long openedNanos, Milestones seen,
      AtomicReference<String> failure) {
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("QUEUE#" + concertId), "sk", AttributeValue.fromS("STATE"));
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Map<String, AttributeValue> counters = observer.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        long at = (System.nanoTime() - openedNanos) / 1_000_000;
        OptionalLong drawn = number(counters, "drawnCount");
        long written = number(counters, "placesWrittenThrough").orElse(0);
        Milestones.seen(seen.drawn, drawn.isPresent(), at);
        Milestones.seen(seen.firstPlaceWritten, written > 0, at);
        Milestones.seen(seen.allPlacesWritten, drawn.isPresent() && written >= drawn.getAsLong(), at);
        Milestones.seen(seen.firstAdmitted, number(counters, "activatedThrough").orElse(0) > 0, at);
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e.toString());
      }
    }
  }

  private static OptionalLong number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item == null ? null : item.get(name);
    return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.n()));
  }

  /**
   * What the users can check afterwards: the published draw page by page, every token's place
   * (read consistently) against its position in the draw, and the first of the draw's poll.
   */
  private record Check(int drawn, long placed, long inDrawOrder, long duplicates, String firstPoll, String lastPoll) {}

  private Check check(AppComponent app, DynamoDbClient observer, String table, String concertId, List<Joined> joined) {
    List<Draw.Entry> draw = new ArrayList<>();
    Optional<Long> from = Optional.of(0L);
    while (from.isPresent()) {
      ShowDraw.Page page = app.showDraw().page(concertId, from.get(), ShowDraw.MAX_LIMIT);
      draw.addAll(page.entries());
      from = page.nextFrom();
    }
    Map<String, Joined> byReceipt = new HashMap<>();
    joined.forEach(j -> byReceipt.put(j.receiptId(), j));
    Map<String, Long> places = new NewQueueDesign().places(new QueueDesign.Stage(table, concertId, Map.of(), null),
        observer, joined.stream().map(Joined::token).toList());
    long inOrder = 0;
    for (int i = 0; i < draw.size(); i++) {
      Joined user = byReceipt.get(draw.get(i).receiptId());
      if (user != null && Long.valueOf(i + 1).equals(places.get(user.token()))) {
        inOrder++;
      }
    }
    long duplicates = places.size() - places.values().stream().distinct().count();
    String firstPoll = draw.isEmpty() ? "—" : poll(app, byReceipt.get(draw.get(0).receiptId()));
    String lastPoll = draw.isEmpty() ? "—" : poll(app, byReceipt.get(draw.get(draw.size() - 1).receiptId()));
    return new Check(draw.size(), places.size(), inOrder, duplicates, firstPoll, lastPoll);
  }

  private static String poll(AppComponent app, Joined user) {
    QueueView view = app.queueStatus().status(user.userId(), Optional.of(user.token()));
    return view.status() == QueueToken.Status.WAITING ? "WAITING, position " + view.position() : view.status().name();
  }

  private void print(Milestones seen, List<Long> roundMillis, List<String> failedSteps, HeatMeter.Window window,
      WriteTally tally, Check check, String observerFailure, Duration period) {
    report.line("The clock then jumps to the sale's opening (QUEUE_PLACEMENT_SETTLE_SECONDS and ADMISSION_ROUND_SECONDS "
        + "from template.yaml; the first round starts at the opening, so the draw waits for the first round past the "
        + "settling time) and maintenance runs every step every %d s on its own object graph, as the Lambda does. "
        + "Times are from the opening, as an observer reading the counters every 50 ms first saw them.", period.toSeconds());
    report.blank();
    Report.Table times = report.table("milestone", "seconds after the opening");
    times.row("draw recorded (frozen: its order stored, the seed publishable)", seconds(seen.drawn.get()));
    times.row("first places written into their tokens", seconds(seen.firstPlaceWritten.get()));
    times.row(String.format("all %,d places written (each token's poll shows its position)", users), seconds(seen.allPlacesWritten.get()));
    times.row("first user admitted (token ACTIVE)", seconds(seen.firstAdmitted.get()));
    times.print();
    report.blank();
    long mean = roundMillis.isEmpty() ? 0 : roundMillis.stream().mapToLong(Long::longValue).sum() / roundMillis.size();
    report.line("Rounds: %d, mean %d ms, longest %d ms, each %s; failed steps: %s. Requests from the opening on: %s.",
        roundMillis.size(), mean, roundMillis.stream().mapToLong(Long::longValue).max().orElse(0),
        roundMillis.toString(), failedSteps.isEmpty() ? "none" : String.join(", ", failedSteps),
        window.requestsByOperation());
    report.line("Checked afterwards: the published draw has %,d entries; %,d tokens have a place, %,d of them exactly "
        + "their draw position, %d places given twice; the draw's first polls: %s; its last: %s.",
        check.drawn(), check.placed(), check.inDrawOrder(), check.duplicates(), check.firstPoll(), check.lastPoll());
    if (observerFailure != null) {
      report.line("The observer failed at least once: %s.", observerFailure);
    }
    report.blank();
    report.line("Hottest keys from the opening to the end (%d s; `HeatMeter`, requests are attempts, units dynoxide's "
        + "account, average per second and busiest second):", window.seconds());
    report.blank();
    Report.Table heat = report.table("key space", "hottest", "requests/s (peak)", "units/s (peak)");
    heat.row("shared base partition", window.sharedBasePartition().key(), rate(window.sharedBasePartition()), units(window.sharedBasePartition()));
    heat.row("item", window.item().key(), rate(window.item()), units(window.item()));
    heat.row("gsi1 partition", window.indexPartition().key(), rate(window.indexPartition()), units(window.indexPartition()));
    heat.print();
    report.blank();
    report.line("Every write from the opening to the end, by kind of item (`WriteTally`):");
    report.blank();
    Report.Table writes = report.table("item kind", "writes", "items written", "most writes to one item", "writes per user");
    for (WriteTally.Kind kind : tally.items()) {
      writes.row("`" + kind.kind() + "`", String.format("%,d", kind.writes()), String.format("%,d", kind.items()),
          String.format("%,d", kind.mostOnOne()), String.format("%.3f", (double) kind.writes() / users));
    }
    for (WriteTally.Kind kind : tally.indexPartitions()) {
      writes.row("gsi1 `" + kind.kind() + "`", String.format("%,d", kind.writes()), String.format("%,d", kind.items()),
          String.format("%,d", kind.mostOnOne()), String.format("%.3f", (double) kind.writes() / users));
    }
    writes.print();
    Optional<WriteTally.Kind> perUser = tally.items().stream()
        .filter(k -> !k.kind().startsWith("TOKEN#") && k.mostOnOne() >= users / 10).findFirst();
    report.blank();
    report.line("Shared item written about once per user: %s.", perUser.map(k -> "yes, `" + k.kind() + "` (" + k.mostOnOne()
        + " writes to one item)").orElse("none (the per-user writes go to each user's own `TOKEN#` item)"));
    long slowest = Math.max(seen.allPlacesWritten.get(), seen.firstAdmitted.get());
    boolean met = seen.allPlacesWritten.get() >= 0 && seen.firstAdmitted.get() >= 0 && slowest <= TARGET.toMillis()
        && check.inDrawOrder() == users && check.duplicates() == 0;
    report.blank();
    report.line("draw-opening: users=%d drawn=%s placed=%s first-admitted=%s target=%s", users,
        seconds(seen.drawn.get()), seconds(seen.allPlacesWritten.get()), seconds(seen.firstAdmitted.get()),
        met ? "met" : "missed");
  }

  private static String seconds(long millis) {
    return millis < 0 ? "not reached" : String.format("%.2f", millis / 1000.0);
  }

  private static String rate(HeatMeter.Hot hot) {
    return String.format("%.1f (%d)", hot.requestsPerSecond(), hot.peakRequests());
  }

  private static String units(HeatMeter.Hot hot) {
    return String.format("%.1f (%.1f)", hot.unitsPerSecond(), hot.peakUnits());
  }
}
