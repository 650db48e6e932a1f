package dev.ticketing.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What EventBridge does in AWS: invokes the scheduled functions with a scheduled event every
 * {@code SCHEDULER_INTERVAL_SECONDS}, one run at a time. A failed run is logged and the next tick
 * runs again, as EventBridge's retry would.
 */
final class Scheduler implements AutoCloseable {
  private static final long RUN_GRACE_SECONDS = 10;

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(LocalThreads.daemons("scheduler"));
  private final ObjectMapper json;
  private final JsonLog log;
  private final Clock clock;
  private final List<LocalFunction> scheduled;

  private Scheduler(List<LocalFunction> scheduled, ObjectMapper json, JsonLog log, Clock clock) {
    this.scheduled = List.copyOf(scheduled);
    this.json = json;
    this.log = log;
    this.clock = clock;
  }

  static Scheduler start(List<LocalFunction> scheduled, Duration interval, ObjectMapper json, JsonLog log, Clock clock) {
    Scheduler scheduler = new Scheduler(scheduled, json, log, clock);
    // At a fixed rate, as EventBridge fires whatever a run takes: with a fixed delay a round of
    // 1 s would push every later one back and leave 3 s between rounds where 2 s are promised.
    // One thread: a late run starts when the one before it ends, never beside it.
    for (LocalFunction function : scheduled) {
      scheduler.executor.scheduleAtFixedRate(() -> scheduler.run(function), interval.toMillis(), interval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return scheduler;
  }

  /** Runs every scheduled function once, after any run under way; returns when they have run. */
  void runNow() {
    List<LocalFunction> functions = scheduled;
    try {
      executor.submit(() -> functions.forEach(this::run)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a scheduled run failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a scheduled run was under way", e);
    }
  }

  /** Whether every run has ended: true once {@link #close} let the run under way finish. */
  boolean runsEnded() {
    return executor.isTerminated();
  }

  /**
   * Starts no further run and lets the one under way finish (interrupted, it would stop halfway
   * and log an aborted storage call), for at most {@value #RUN_GRACE_SECONDS} seconds.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(RUN_GRACE_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void run(LocalFunction function) {
    String requestId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Map<String, Object> event = Map.of(
        "version", "0",
        "id", requestId,
        "detail-type", "Scheduled Event",
        "source", "aws.events",
        "account", "000000000000",
        "time", now.toString(),
        "region", "local",
        "resources", List.of("arn:aws:events:local:000000000000:rule/" + function.name()),
        "detail", Map.of());
    try {
      function.invoke(json.writeValueAsBytes(event), requestId);
    } catch (IOException | RuntimeException e) {
      Map<String, Object> fields = new HashMap<>(FailureFields.of(e));
      fields.put("function", function.name());
      log.error("scheduled run failed", fields);
    }
  }
}
