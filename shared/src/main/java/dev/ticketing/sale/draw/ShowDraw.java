package dev.ticketing.sale.draw;

import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Use case (public): the pre-queue in the draw's order, with the seed that orders it, so anyone
 * can recompute the order from published data alone (docs/api.md, "Pre-queue and the draw"). Both are
 * fixed once published, so this instance keeps them; until then the answer is "not yet", kept for
 * a second. The order is kept as stored, by chunk ({@link DrawStore#chunkSize()} entries), never
 * by page: cursor and limit are the client's to choose, so pages kept would grow with requests;
 * chunks are bounded by the draw, and by {@link #MAX_CACHED_BYTES}.
 */
@Singleton
public final class ShowDraw {
  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 100;
  /**
   * The most the chunks kept here may count ({@link ChunkCache} says how it counts). A chunk of
   * 1,000 entries is about 23 KB as stored (receipts only) but counts about 284 KB here, its hmacs
   * computed (22-character receipts and 64-digit hmacs at two bytes a character, and the objects
   * around them), so this keeps 59: a
   * draw of 59,000 whole, and of a larger one (100,000 users: 100 chunks, about 28 MB) the chunks
   * asked for last; a client paging it in order reads each chunk once either way. 16 MB is small
   * next to the function's 1,024 MB.
   */
  public static final long MAX_CACHED_BYTES = 16L * 1024 * 1024;
  private static final Duration NOT_YET_KEPT = Duration.ofSeconds(1);

  /** One page: {@code nextFrom} is where the next page starts, empty on the last. */
  public record Page(String concertId, String drawSeed, List<Draw.Entry> entries, Optional<Long> nextFrom) {}

  private final DrawStore store;
  private final Clock clock;
  private final Map<String, DrawStore.Published> seeds = new ConcurrentHashMap<>();
  private final Map<String, Instant> notYet = new ConcurrentHashMap<>();
  private final ChunkCache<Draw.Entry> cache = ChunkCache.ofEntries(MAX_CACHED_BYTES);
  /**
   * Per concert, the first chunk known to lie past its draw's end (a short or a missing chunk
   * tells), so that cursors past the end read nothing once it is known.
   */
  private final Map<String, Long> emptyFrom = new ConcurrentHashMap<>();

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
    // One more than asked tells whether another page follows.
    List<Draw.Entry> entries = entries(concertId, draw, from, limit + 1);
    return entries.size() > limit
        ? new Page(concertId, draw.seed(), List.copyOf(entries.subList(0, limit)), Optional.of(from + limit))
        : new Page(concertId, draw.seed(), List.copyOf(entries), Optional.empty());
  }

  /** What the chunks kept here count now, never more than {@link #MAX_CACHED_BYTES}. */
  public long cachedBytes() {
    return cache.bytes();
  }

  /** The entries at positions {@code from, from + 1, ...} of the draw, at most {@code count}. */
  private List<Draw.Entry> entries(String concertId, DrawStore.Published draw, long from, int count) {
    int size = store.chunkSize();
    long first = from / size;
    List<List<Draw.Entry>> chunks = chunks(concertId, draw, first, (from + count - 1) / size);
    List<Draw.Entry> entries = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      List<Draw.Entry> chunk = chunks.get(i);
      long start = (first + i) * size;
      entries.addAll(chunk.subList((int) Math.min(chunk.size(), Math.max(0, from - start)),
          (int) Math.min(chunk.size(), from + count - start)));
    }
    return entries;
  }

  /**
   * Chunks {@code first..last} in order, as far as the draw goes: those kept from the cache, the
   * others read in one request (consistently: the only reads of the order) and kept, each entry's
   * hmac computed from the published seed (one Mac for what was read), as anyone can.
   */
  private List<List<Draw.Entry>> chunks(String concertId, DrawStore.Published draw, long first, long last) {
    String drawId = draw.drawId();
    long end = Math.min(last + 1, emptyFrom.getOrDefault(concertId, Long.MAX_VALUE));
    Map<Long, List<Draw.Entry>> found = new HashMap<>();
    List<Long> missing = new ArrayList<>();
    for (long index = first; index < end; index++) {
      Optional<List<Draw.Entry>> kept = cache.get(new ChunkCache.Key(concertId, drawId, index));
      if (kept.isPresent()) {
        found.put(index, kept.get());
      } else {
        missing.add(index);
      }
    }
    if (!missing.isEmpty()) {
      Map<Long, List<String>> read = store.chunks(concertId, drawId, missing);
      Draw.Hasher hasher = Draw.hasher(DrawSeed.fromHex(draw.seed()));
      for (long index : missing) {
        List<Draw.Entry> chunk = Optional.ofNullable(read.get(index))
            .map(receipts -> receipts.stream().map(hasher::entry).toList()).orElse(null);
        if (chunk == null) {
          emptyFrom.merge(concertId, index, Math::min);
        } else {
          cache.put(new ChunkCache.Key(concertId, drawId, index), chunk);
          found.put(index, chunk);
          if (chunk.size() < store.chunkSize()) {
            emptyFrom.merge(concertId, index + 1, Math::min);
          }
        }
      }
    }
    List<List<Draw.Entry>> inOrder = new ArrayList<>();
    for (long index = first; found.containsKey(index); index++) {
      inOrder.add(found.get(index));
    }
    return inOrder;
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
