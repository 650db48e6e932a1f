package dev.ticketing.bench.rush;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The load of one rush run on one stage: joins offered open-loop at a fixed rate (each at its
 * scheduled time, whatever happened to the ones before), pollers that each poll their own token
 * back to back, maintenance rounds every ADMISSION_ROUND_SECONDS on their own instance, and the
 * join and poll functions' {@link InstancePool}s rescaled every second. Every thread it starts is
 * a daemon, stops when told or when {@link #close} runs, and sends only to the client it was given.
 */
final class RushLoad implements AutoCloseable {
  /** Runs one call of the design, possibly metered (HeatMeter::measure) or not. */
  interface Meter {
    <T> T call(String kind, Supplier<T> call);

    Meter DIRECT = new Meter() {
      @Override
      public <T> T call(String kind, Supplier<T> call) {
        return call.get();
      }
    };
  }

  /** One offered join: when it was due (its arrival), when it ran, how it ended. */
  record JoinRecord(String userId, long dueNanos, long startNanos, long endNanos, String token, OptionalLong place, String error) {
    boolean ok() {
      return error == null;
    }
  }

  record User(String userId, String token) {}

  private final QueueDesign design;
  private final QueueDesign.Stage stage;
  private final Meter meter;
  private final InstancePool joinPool;
  private final InstancePool pollPool;
  private final QueueDesign.FunctionInstance maintenance;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean joinsRunning = new AtomicBoolean();
  private final AtomicBoolean pollersRunning = new AtomicBoolean();
  private final AtomicBoolean maintenanceRunning = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ConcurrentLinkedQueue<JoinRecord> joins = new ConcurrentLinkedQueue<>();
  private final AtomicLong pollsOk = new AtomicLong();
  private final AtomicLong pollsFailed = new AtomicLong();
  private final AtomicReference<String> firstPollError = new AtomicReference<>();
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicLong roundsFailed = new AtomicLong();
  private final AtomicLong roundNanos = new AtomicLong();
  private final AtomicLong longestRoundNanos = new AtomicLong();
  private final AtomicReference<String> firstRoundError = new AtomicReference<>();
  private ThreadPoolExecutor joinWorkers;
  private Thread joinScheduler;
  private final List<Thread> pollers = new ArrayList<>();
  private Thread maintenanceThread;

  RushLoad(QueueDesign design, QueueDesign.Stage stage, DynamoDbClient client, Meter meter, HandlerTimes handlerTimes) {
    this.design = design;
    this.stage = stage;
    this.meter = meter;
    this.joinPool = new InstancePool(() -> design.newInstance(stage, client), handlerTimes.joinSeconds());
    this.pollPool = new InstancePool(() -> design.newInstance(stage, client), handlerTimes.pollSeconds());
    this.maintenance = design.newInstance(stage, client);
    Thread rescaler = daemon("rush-rescale", () -> {
      while (!closed.get()) {
        LockSupport.parkNanos(1_000_000_000L);
        joinPool.rescale();
        pollPool.rescale();
      }
    });
    rescaler.start();
  }

  /** Mean handler times measured on an idle machine, in seconds: what an instance spends per call. */
  record HandlerTimes(double joinSeconds, double pollSeconds) {}

  /** Joins {@code count} users before the measured part (tagged "setup"), on {@code parallel} threads. */
  List<User> joinUpFront(String prefix, int count, int parallel) throws InterruptedException {
    List<User> users = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < parallel; w++) {
      Thread t = daemon("rush-setup-" + w, () -> {
        for (int i = next.getAndIncrement(); i < count && !closed.get(); i = next.getAndIncrement()) {
          String user = prefix + i;
          QueueDesign.Joined joined = meter.call("setup", () -> joinPool.pick().join(user));
          users.add(new User(user, joined.token()));
        }
      });
      workers.add(t);
      t.start();
    }
    for (Thread t : workers) {
      t.join();
    }
    if (users.size() < count) {
      throw new IllegalStateException("set-up joined only " + users.size() + " of " + count + " users");
    }
    return users;
  }

  /** Maintenance rounds back to back every {@code period}, {@code afterEachRound} after each. */
  void startMaintenance(Duration period, Runnable afterEachRound) {
    maintenanceRunning.set(true);
    maintenanceThread = daemon("rush-maintenance", () -> {
      long next = System.nanoTime();
      while (maintenanceRunning.get() && !closed.get()) {
        next += period.toNanos();
        long roundStart = System.nanoTime();
        try {
          meter.call("maintenance", () -> {
            maintenance.maintenanceRound();
            return null;
          });
          rounds.incrementAndGet();
          long took = System.nanoTime() - roundStart;
          roundNanos.addAndGet(took);
          longestRoundNanos.accumulateAndGet(took, Math::max);
        } catch (RuntimeException e) {
          roundsFailed.incrementAndGet();
          firstRoundError.compareAndSet(null, describe(e));
        }
        afterEachRound.run();
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else {
          next = System.nanoTime();
        }
      }
    });
    maintenanceThread.start();
  }

  void stopMaintenance() throws InterruptedException {
    maintenanceRunning.set(false);
    if (maintenanceThread != null) {
      maintenanceThread.join(60_000);
    }
  }

  /**
   * Each user polls its own token until {@link #stopPollers}: back to back ({@code paced} false), or
   * as its client would ({@code paced}): again after the answer's {@code pollAfterSeconds}, or after
   * one second if the design gives none (the web app before {@code pollAfterSeconds}) or the poll failed. Paced
   * pollers start at random moments within their first second.
   */
  void startPollers(List<User> users, boolean paced) {
    pollersRunning.set(true);
    for (User user : users) {
      Thread poller = daemon("rush-poller", () -> {
        if (paced) {
          pause(java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L));
        }
        while (pollersRunning.get() && !closed.get()) {
          long next = 1;
          try {
            QueueDesign.Polled polled = meter.call("poll", () -> pollPool.pick().poll(user.userId(), user.token()));
            next = polled.pollAfterSeconds().orElse(1);
            pollsOk.incrementAndGet();
          } catch (RuntimeException e) {
            pollsFailed.incrementAndGet();
            firstPollError.compareAndSet(null, describe(e));
          }
          if (paced) {
            pause(next * 1_000_000_000L);
          }
        }
      });
      pollers.add(poller);
      poller.start();
    }
  }

  /** Sleeps up to {@code nanos}, waking early once the pollers are told to stop. */
  private void pause(long nanos) {
    long until = System.nanoTime() + nanos;
    while (pollersRunning.get() && !closed.get() && System.nanoTime() < until) {
      LockSupport.parkNanos(Math.min(100_000_000L, until - System.nanoTime()));
    }
  }

  void stopPollers(Duration wait) throws InterruptedException {
    pollersRunning.set(false);
    long deadline = System.nanoTime() + wait.toNanos();
    for (Thread poller : pollers) {
      poller.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
  }

  /**
   * Offers {@code perSecond} joins of new users, open loop, on up to {@code workers} threads at
   * once (a join waiting for a thread still counts from when it was due), for at most {@code length}.
   */
  void startJoins(double perSecond, String prefix, int workers, Duration length) {
    joinsRunning.set(true);
    joinWorkers = new ThreadPoolExecutor(workers, workers, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> daemon("rush-join", r));
    joinWorkers.prestartAllCoreThreads();  // so that no join waits for a thread to be created
    joinScheduler = daemon("rush-join-schedule", () -> {
      long start = System.nanoTime();
      long end = start + length.toNanos();
      for (long n = 0; joinsRunning.get() && !closed.get(); n++) {
        long due = start + (long) (n * 1e9 / perSecond);
        if (due >= end) {
          break;
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        String user = prefix + n;
        joinWorkers.execute(() -> join(user, due));
      }
    });
    joinScheduler.start();
  }

  private void join(String user, long due) {
    long started = System.nanoTime();
    try {
      QueueDesign.Joined joined = meter.call("join", () -> joinPool.pick().join(user));
      joins.add(new JoinRecord(user, due, started, System.nanoTime(), joined.token(), joined.place(), null));
    } catch (RuntimeException e) {
      joins.add(new JoinRecord(user, due, started, System.nanoTime(), null, OptionalLong.empty(), describe(e)));
    }
  }

  /** Stops offering joins and waits up to {@code wait} for the ones under way. */
  void stopJoins(Duration wait) throws InterruptedException {
    joinsRunning.set(false);
    if (joinScheduler != null) {
      joinScheduler.join(10_000);
    }
    if (joinWorkers != null) {
      joinWorkers.shutdown();
      if (!joinWorkers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        joinWorkers.shutdownNow();
        joinWorkers.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Waits until the scheduler has offered every join of its length (or was stopped). */
  void awaitJoinSchedule() throws InterruptedException {
    if (joinScheduler != null) {
      joinScheduler.join();
    }
  }

  List<JoinRecord> joins() {
    return List.copyOf(joins);
  }

  long pollsOk() {
    return pollsOk.get();
  }

  long pollsFailed() {
    return pollsFailed.get();
  }

  String firstPollError() {
    return firstPollError.get();
  }

  long rounds() {
    return rounds.get();
  }

  /** Mean and longest wall time of a successful round, in seconds. */
  double meanRoundSeconds() {
    long n = rounds.get();
    return n == 0 ? Double.NaN : roundNanos.get() / 1e9 / n;
  }

  double longestRoundSeconds() {
    return longestRoundNanos.get() / 1e9;
  }

  /**
   * A runner of {@code body} on a thread of its own, for observers: {@link Runnable#run} asks for
   * one more run (at most one waits while one runs), so that asking never delays the caller and
   * an observer slower than the rounds looks once per batch of them instead of piling up.
   */
  Runnable onItsOwnThread(String name, Runnable body) {
    java.util.concurrent.Semaphore asked = new java.util.concurrent.Semaphore(0);
    daemon(name, () -> {
      while (!closed.get()) {
        try {
          if (asked.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            asked.drainPermits();
            body.run();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }).start();
    return asked::release;
  }

  long roundsFailed() {
    return roundsFailed.get();
  }

  String firstRoundError() {
    return firstRoundError.get();
  }

  int joinInstances() {
    return joinPool.size();
  }

  int pollInstances() {
    return pollPool.size();
  }

  QueueDesign design() {
    return design;
  }

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root && !(root instanceof software.amazon.awssdk.core.exception.SdkException)) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int cut = message.indexOf(" (Service:");
    message = cut > 0 ? message.substring(0, cut) : message;
    return root.getClass().getSimpleName() + ": " + (message.length() > 120 ? message.substring(0, 120) + "…" : message);
  }

  private Thread daemon(String name, Runnable body) {
    Thread t = new Thread(null, body, name, 256 * 1024);
    t.setDaemon(true);
    synchronized (threads) {
      threads.add(t);
    }
    return t;
  }

  @Override
  public void close() throws InterruptedException {
    closed.set(true);
    joinsRunning.set(false);
    pollersRunning.set(false);
    maintenanceRunning.set(false);
    if (joinWorkers != null) {
      joinWorkers.shutdownNow();
    }
    List<Thread> all;
    synchronized (threads) {
      all = new ArrayList<>(threads);
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    for (Thread t : all) {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
  }

  static Map<String, Long> countErrors(List<JoinRecord> records) {
    Map<String, Long> errors = new java.util.TreeMap<>();
    records.stream().filter(r -> !r.ok()).forEach(r -> errors.merge(r.error().replaceAll("\\d+", "N"), 1L, Long::sum));
    return errors;
  }
}
