package dev.ticketing.queue;

import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.sale.Draw;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Use case (public): the pre-queue in the draw's order, with the seed that orders it, so anyone
 * can recompute the order from published data alone (API.md, "Pre-queue and the draw"). Both are
 * fixed once published, so this instance keeps them; until then the answer is "not yet", kept for
 * a second.
 */
@Singleton
public final class ShowDraw {
  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 100;
  private static final Duration NOT_YET_KEPT = Duration.ofSeconds(1);
  /** Pages worth keeping per instance: a draw of 100,000 is 1,000 pages of 100. */
  private static final int MAX_PAGES = 2_000;

  /** One page: {@code nextFrom} is where the next page starts, empty on the last. */
  public record Page(String concertId, String drawSeed, List<Draw.Entry> entries, Optional<Long> nextFrom) {}

  private record PageKey(String concertId, long from, int limit) {}

  private final DrawStore store;
  private final Clock clock;
  private final Map<String, DrawStore.Published> seeds = new ConcurrentHashMap<>();
  private final Map<String, Instant> notYet = new ConcurrentHashMap<>();
  private final Map<PageKey, Page> pages = new ConcurrentHashMap<>();

  @Inject
  public ShowDraw(DrawStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Page page(String concertId, long from, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Refused.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }
    DrawStore.Published draw = published(concertId);
    String seed = draw.seed();
    return pages.computeIfAbsent(new PageKey(concertId, from, limit), key -> {
      if (pages.size() >= MAX_PAGES) {
        pages.clear();
      }
      // One more than asked tells whether another page follows.
      List<Draw.Entry> entries = store.entries(concertId, draw.drawId(), from, limit + 1);
      return entries.size() > limit
          ? new Page(concertId, seed, List.copyOf(entries.subList(0, limit)), Optional.of(from + limit))
          : new Page(concertId, seed, List.copyOf(entries), Optional.empty());
    });
  }

  private DrawStore.Published published(String concertId) {
    DrawStore.Published known = seeds.get(concertId);
    if (known != null) {
      return known;
    }
    Instant now = Instants.now(clock);
    Instant refused = notYet.get(concertId);
    if (refused == null || !now.isBefore(refused.plus(NOT_YET_KEPT))) {
      Optional<DrawStore.Published> published = store.published(concertId);
      if (published.isPresent()) {
        seeds.put(concertId, published.get());
        return published.get();
      }
      if (!store.concertExists(concertId)) {
        throw new Refused(Refusal.CONCERT_NOT_FOUND, "no concert " + concertId);
      }
      notYet.put(concertId, now);
    }
    throw new Refused(Refusal.DRAW_NOT_OPEN, "the draw of " + concertId + " is published once the pre-queue is closed");
  }
}
