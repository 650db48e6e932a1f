package dev.ticketing.testing;

import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.queue.state.QueueView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Users made ACTIVE through the real queue: each joins, then one admission round admits them
 * all (the app's QUEUE_MAX_ACTIVE must be large enough). Returns each user's X-Queue-Token.
 */
public final class Admitted {
  private Admitted() {}

  public static String user(TestComponent app, String concertId, String userId) {
    return users(app, concertId, List.of(userId), 1).get(userId);
  }

  public static Map<String, String> users(TestComponent app, String concertId, List<String> userIds, int threads) {
    Map<String, String> tokens = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> joins = new ArrayList<>();
      for (String userId : userIds) {
        joins.add(pool.submit(() -> {
          QueueView view = app.joinQueue().join(userId, concertId).view();
          if (view.status() != QueueToken.Status.EXPIRED) {
            tokens.put(userId, view.token());
          }
        }));
      }
      for (Future<?> join : joins) {
        join.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("joining the queue failed", e);
    } finally {
      pool.shutdownNow();
    }
    List<String> turnsEnding = userIds.stream().filter(userId -> !tokens.containsKey(userId)).toList();
    if (!turnsEnding.isEmpty()) {
      // A turn that just ended (paid, or out of time) holds its slot until a round ends it, and
      // a join answers with it until then: the round, then their joins again.
      app.queueRound().run(concertId);
      for (String userId : turnsEnding) {
        tokens.put(userId, app.joinQueue().join(userId, concertId).view().token());
      }
    }
    long admitted = app.queueRound().run(concertId).admitted();
    if (admitted < userIds.size()) {
      throw new IllegalStateException("admitted " + admitted + " of " + userIds.size() + ": raise QUEUE_MAX_ACTIVE");
    }
    return tokens;
  }
}
