package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.queue.ShowDrawHandler;
import dev.ticketing.paging.Cursors;
import dev.ticketing.sale.draw.ShowDraw;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The draw's endpoint asked for 2,000 distinct (cursor, limit) pairs, over HTTP through the local
 * runtime, its storage counted by a proxy in front of the engine ({@link StorageRequests}): what
 * its {@link ShowDraw} keeps stays within {@link ShowDraw#MAX_CACHED_BYTES} after every request,
 * the draw's two chunks are read once each, and pages asked again read nothing. It kept every
 * page it served: 2,000 pages of up to 1,000 entries, a read for each.
 */
@ExtendWith(DynamoDbExtension.class)
class DrawCacheHttpTest {
  private static final String CONCERT = "first-light";
  /** The figure of the defect: a draw of two chunks, the second short. */
  private static final int PRE_QUEUED = 1_210;
  private static final int REQUESTS = 2_000;
  private static final int REPEATED = 100;
  private static final int JOINERS = 4;
  private static final Map<String, String> ENV = Map.of("SCHEDULER_INTERVAL_SECONDS", "3600",
      "QUEUE_PLACEMENT_SETTLE_SECONDS", "3", "QUEUE_JOIN_SHARDS", "8");

  @Test
  void distinct_cursors_and_limits_keep_the_draw_cache_within_its_bound_and_pages_asked_again_read_nothing(
      TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    Instant opening = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    try (StorageRequests storage = new StorageRequests(table.endpoint());
        LocalHttp http = LocalHttp.start(new TestTable(table.name(), table.client(), storage.endpoint(), table.target()),
            ENV, clock, SmallCatalog.opening(CONCERT, opening))) {
      clock.set(opening.minus(Duration.ofMinutes(5)));
      joinThePreQueue(http);
      clock.set(opening.plusSeconds(1));
      for (int rounds = 0; http.get(drawPath(0, 1), Map.of()).status() != 200; rounds++) {
        assertThat(rounds).as("rounds before the draw is published").isLessThan(5);
        clock.advance(Duration.ofSeconds(4));  // past the settling time: a round draws and publishes the seed
        http.runtime.runScheduledFunctionsNow();
      }
      ShowDraw showDraw = ((ShowDrawHandler) http.runtime.function("ShowDrawFunction").handler()).showDraw();

      storage.reset();
      Set<String> asked = new HashSet<>();
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        int from = i % PRE_QUEUED;
        int limit = ShowDraw.MAX_LIMIT - i / 2;  // with from: distinct pairs
        String path = drawPath(from, limit);
        assertThat(asked.add(path)).as("a pair not asked before").isTrue();
        LocalHttp.Reply page = http.get(path, Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("entries").size()).as(path).isEqualTo(Math.min(limit, PRE_QUEUED - from));
        assertThat(showDraw.cachedBytes()).as("kept after %s", path).isLessThanOrEqualTo(ShowDraw.MAX_CACHED_BYTES);
        bodies.add(page.raw().body());
      }
      assertThat(storage.count("BatchGetItem")).as("the draw's chunks read, each once at most").isLessThanOrEqualTo(2);

      storage.reset();
      for (int i = 0; i < REPEATED; i++) {
        LocalHttp.Reply again = http.get(drawPath(i % PRE_QUEUED, ShowDraw.MAX_LIMIT - i / 2), Map.of());
        assertThat(again.raw().body()).as("page %d again", i).isEqualTo(bodies.get(i));
      }
      assertThat(storage.total()).as("storage requests for pages asked again").isZero();
    }
  }

  /** {@link #PRE_QUEUED} users join, a few at a time. */
  private static void joinThePreQueue(LocalHttp http) throws Exception {
    ExecutorService joiners = Executors.newFixedThreadPool(JOINERS);
    try {
      List<Future<Integer>> joins = new ArrayList<>();
      for (int i = 0; i < PRE_QUEUED; i++) {
        String user = "early-" + i;
        joins.add(joiners.submit(() -> http.send("POST", "/concerts/" + CONCERT + "/queue/tokens", as(user, null), null).status()));
      }
      for (Future<Integer> join : joins) {
        assertThat(join.get()).as("a join").isEqualTo(201);
      }
    } finally {
      joiners.shutdownNow();
    }
  }

  private static String drawPath(int from, int limit) {
    return "/concerts/" + CONCERT + "/queue/draw?limit=" + limit + "&cursor="
        + URLEncoder.encode(Cursors.encode(Integer.toString(from)), StandardCharsets.UTF_8);
  }
}
