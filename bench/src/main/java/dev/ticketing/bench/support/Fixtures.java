package dev.ticketing.bench.support;

import dev.ticketing.testing.TestComponent;
import dev.ticketing.wiring.AppComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Set-up through the real use cases, in-process: users joined and admitted, their tokens used once. */
public final class Fixtures {
  private Fixtures() {}

  /**
   * Joins every user (on {@code threads} threads), admits them all by queue rounds driven one by
   * one (the tests' graph has them), returns user to X-Queue-Token.
   */
  public static Map<String, String> admitted(TestComponent app, String concertId, List<String> users, int threads) {
    Map<String, String> tokens = joined(app, concertId, users, threads);
    long admitted = 0;
    for (int round = 0; round < 1000 && admitted < users.size(); round++) {
      admitted += app.queueRound().run(concertId).admitted();
    }
    if (admitted < users.size()) {
      throw new IllegalStateException("admitted only " + admitted + " of " + users.size());
    }
    return tokens;
  }

  public static Map<String, String> joined(AppComponent app, String concertId, List<String> users, int threads) {
    Map<String, String> tokens = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> joins = new ArrayList<>();
      for (String user : users) {
        joins.add(pool.submit(() -> tokens.put(user, app.joinQueue().join(user, concertId).view().token())));
      }
      for (Future<?> join : joins) {
        join.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("joining failed", e);
    } finally {
      pool.shutdownNow();
    }
    return tokens;
  }

  /** Records each token's first gated use (one GET of the dates), so later requests take the steady path. */
  public static void useOnce(AppComponent app, String concertId, Map<String, String> tokens) {
    tokens.forEach((user, token) -> app.listBookableDates().list(user, concertId, dev.ticketing.queue.QueueTokenId.parse(token)));
  }
}
