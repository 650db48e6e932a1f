package dev.ticketing.local.rush;

import dev.ticketing.engine.DynoxideEngine;
import dev.ticketing.engine.LocalDynamoDb;
import dev.ticketing.local.CapturedOutput;
import dev.ticketing.local.LocalRuntime;
import dev.ticketing.local.LogRules;
import dev.ticketing.testing.TableSnapshot;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A ticket rush against the local runtime over HTTP on 127.0.0.1: many simulated users
 * ({@link Shopper}) top up, join one concert's queue and poll it; admitted users list the dates,
 * read a seat map, hold a seat (another one on 409), and most pay while some walk away. The
 * admitted sessions are sampled from the table while it runs ({@link ActiveSampler}) and every
 * item is audited at the end ({@link RushAudit}). Bounded on every side: two fixed thread pools,
 * a request cap, and a hard deadline after which the users still going are stopped.
 *
 * <p>Full size from a fresh clone (about 5.5 minutes on 2 cores, docs/reliability.md):
 * {@code mvn -B test -pl local -am -Plong '-Dtest=TicketRushTest#a_full*' -Dsurefire.failIfNoSpecifiedTests=false},
 * with {@code -Drush.users=...} and the other {@code rush.*} properties of {@link RushConfig} to change it.
 * {@link #main} runs the same with its own embedded engine from the test classpath.
 */
public final class TicketRush {
  private TicketRush() {}

  /** Runs a full-size rush (or as {@code -Drush.*} says) on a fresh embedded engine; exit code 1 on any problem. */
  public static void main(String[] args) {
    RushConfig config = RushConfig.full().overriddenBy(System::getProperty);
    String configured = System.getenv("DYNAMODB_ENDPOINT");
    RushReport report;
    if (configured != null && !configured.isBlank()) {
      report = run(config, URI.create(configured), "rush-" + UUID.randomUUID(), System.out);
    } else {
      try (DynoxideEngine engine = DynoxideEngine.start()) {
        report = run(config, engine.endpoint(), "rush-" + UUID.randomUUID(), System.out);
      }
    }
    System.exit(report.problems().isEmpty() ? 0 : 1);
  }

  /**
   * One rush on a new local runtime over {@code table} (created from the template if missing) at
   * {@code dynamoEndpoint}. The runtime's log is captured (and checked) rather than printed;
   * progress and the report go to {@code out}.
   */
  public static RushReport run(RushConfig config, URI dynamoEndpoint, String table, PrintStream out) {
    Map<String, String> env = new HashMap<>(config.environment());
    env.put("PORT", "0");
    env.put("DYNAMODB_ENDPOINT", dynamoEndpoint.toString());
    env.put("TABLE_NAME", table);
    RushReport report;
    try (DynamoDbClient dynamo = LocalDynamoDb.client(dynamoEndpoint)) {
      CapturedOutput log = CapturedOutput.quietly();
      PrintStream progress = log.original();
      Run run;
      try (log) {
        try (LocalRuntime runtime = LocalRuntime.start(env, true)) {
          run = new Run(config, runtime.baseUri(), dynamo, table, progress);
          run.go();
        }
      }
      report = run.report(dynamo, table, log.text());
    }
    report.print(out);
    return report;
  }

  /** The users, their thread pools and the sampler of one rush. */
  private static final class Run {
    private final RushConfig config;
    private final String table;
    private final PrintStream progress;
    private final RushClient http;
    private final ClientRecord record = new ClientRecord();
    private final ActiveSampler sampler;
    private final List<Shopper> shoppers = new ArrayList<>();
    private final ScheduledThreadPoolExecutor waiting;
    private final ScheduledThreadPoolExecutor shopping;
    private final CountDownLatch finished;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private Instant started;
    private Duration duration;
    private boolean complete;

    Run(RushConfig config, URI api, DynamoDbClient dynamo, String table, PrintStream progress) {
      this.config = config;
      this.table = table;
      this.progress = progress;
      this.http = new RushClient(api, config.maxRequests());
      this.sampler = new ActiveSampler(dynamo, table, config);
      this.waiting = pool("rush-waiting", config.waitingThreads());
      this.shopping = pool("rush-shopping", config.shoppingThreads());
      this.finished = new CountDownLatch(config.users());
    }

    void go() {
      started = Instant.now();
      sampler.start();
      // Everyone arrives within the first seconds, as when sales open.
      long arrivalWindow = Math.min(5_000, config.users() * 5L);
      Random arrivals = new Random(config.seed());
      for (int i = 1; i <= config.users(); i++) {
        Shopper shopper = new Shopper(i, config, http, record);
        shoppers.add(shopper);
        schedule(shopper, new Shopper.Next(arrivals.nextLong(arrivalWindow + 1), false));
      }
      Instant deadline = started.plus(config.deadline());
      try {
        while (!finished.await(Math.max(1, Math.min(15_000, Duration.between(Instant.now(), deadline).toMillis())),
            TimeUnit.MILLISECONDS)) {
          if (!Instant.now().isBefore(deadline)) {
            break;
          }
          progress.printf("rush: %3d s, %d of %d users finished, %d requests, %d payments, max ACTIVE %d of %d%n",
              Duration.between(started, Instant.now()).toSeconds(), config.users() - finished.getCount(), config.users(),
              http.sent(), record.payments().size(), sampler.maxActive(), config.maxActive());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopping.set(true);
      waiting.shutdownNow();
      shopping.shutdownNow();
      try {
        waiting.awaitTermination(30, TimeUnit.SECONDS);
        shopping.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      duration = Duration.between(started, Instant.now());
      sampler.close();
      http.close();
      shoppers.stream().filter(s -> s.outcome() == null).forEach(s -> {
        s.stop();
        record.ended(s.outcome());
      });
      complete = shoppers.stream().noneMatch(s -> s.outcome() == Shopper.Outcome.STOPPED);
    }

    private void schedule(Shopper shopper, Shopper.Next next) {
      if (stopping.get()) {
        return;
      }
      (next.shopping() ? shopping : waiting).schedule(() -> step(shopper), next.delayMillis(), TimeUnit.MILLISECONDS);
    }

    private void step(Shopper shopper) {
      Shopper.Next next;
      try {
        next = shopper.step();
      } catch (RushClient.BudgetExhausted | InterruptedException stopped) {
        next = null;
      } catch (RuntimeException e) {
        record.unexpected(shopper.userId() + ": " + e);
        next = null;
      }
      if (next == null) {
        if (shopper.outcome() == null) {
          shopper.stop();
        }
        record.ended(shopper.outcome());
        finished.countDown();
      } else {
        schedule(shopper, next);
      }
    }

    RushReport report(DynamoDbClient dynamo, String table, String logText) {
      Set<String> secrets = new HashSet<>();
      shoppers.forEach(s -> s.tokens().forEach(t -> secrets.add(t.substring(t.lastIndexOf('.') + 1))));
      RushAudit audit = RushAudit.of(TableSnapshot.of(dynamo, table).all(), config.concertId(), record, Instant.now(),
          complete);
      List<String> violations = new ArrayList<>();
      violations.addAll(record.violations());
      violations.addAll(sampler.violations());
      violations.addAll(audit.violations());
      // A failure may be logged by type (a 503 under load is allowed); a token or a stack trace never.
      LogRules.violations("the runtime's log", logText, secrets).stream()
          .filter(v -> !v.contains("'Exception'"))
          .forEach(violations::add);
      http.statuses().forEach((endpoint, counts) -> counts.forEach((status, count) -> {
        if (status >= 500 && status != 503) {
          violations.add(count + " responses " + status + " to " + endpoint);
        }
      }));
      long lines = logText.lines().count();
      long warnings = logText.lines().filter(l -> l.contains("\"level\":\"WARN\"")).count();
      long errors = logText.lines().filter(l -> l.contains("\"level\":\"ERROR\"")).count();
      return new RushReport(config, duration, complete, (int) shoppers.stream()
          .filter(s -> s.outcome() == Shopper.Outcome.STOPPED).count(), http.sent(), http.transportErrors(), http.retries(),
          http.statuses(), record.outcomes(), record.events(), record.unexpectedCount(), record.unexpectedSamples(),
          sampler.maxActive(), sampler.maxAdmittedSessions(), sampler.maxHoldingSlots(), sampler.samples(),
          sampler.failedSamples(), audit, lines, warnings, errors, violations);
    }

    private static ScheduledThreadPoolExecutor pool(String name, int threads) {
      ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, runnable -> {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
      });
      pool.setRemoveOnCancelPolicy(true);
      return pool;
    }
  }
}
