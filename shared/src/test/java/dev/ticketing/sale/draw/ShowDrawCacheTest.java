package dev.ticketing.sale.draw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testing.MutableClock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What the draw's endpoint keeps and reads, whatever cursors and limits clients choose: it keeps
 * chunks of the draw, never more than {@link ShowDraw#MAX_CACHED_BYTES}, and reads a chunk only
 * when it does not hold it. The store is a counting fake whose draw is made up from positions,
 * with ids as long as real ones (22-character receipts; the endpoint adds each 64-digit hmac from
 * the published seed, as the stored chunks hold receipts alone).
 */
class ShowDrawCacheTest {
  private static final String CONCERT = "first-light";
  private static final int REQUESTS = 2_000;
  /** 80 chunks count about 23 MB: more than the bound lets the cache hold at once. */
  private static final long LARGE_DRAW = 80_000;
  /** The figure of the defect: two chunks, the second short. */
  private static final long SMALL_DRAW = 1_210;

  @Test
  void distinct_pages_of_a_draw_larger_than_the_bound_never_take_the_cache_past_it() {
    List<Draw.Entry> draw = draw(LARGE_DRAW);
    CountingStore store = new CountingStore(draw);
    ShowDraw showDraw = new ShowDraw(store, MutableClock.fromSystem());
    SplittableRandom random = new SplittableRandom(7);
    Set<List<Long>> asked = new HashSet<>();
    while (asked.size() < REQUESTS) {
      long from = random.nextLong(LARGE_DRAW + 1_000);
      int limit = 1 + random.nextInt(ShowDraw.MAX_LIMIT);
      if (!asked.add(List.of(from, (long) limit))) {
        continue;
      }
      long readsBefore = store.chunksRead;
      ShowDraw.Page page = showDraw.page(CONCERT, from, limit);
      assertThat(page.entries()).as("page (%d, %d)", from, limit).isEqualTo(expected(from, limit, draw));
      assertThat(page.nextFrom()).isEqualTo(from + limit < LARGE_DRAW ? Optional.of(from + limit) : Optional.empty());
      assertThat(showDraw.cachedBytes()).as("after page (%d, %d)", from, limit).isLessThanOrEqualTo(ShowDraw.MAX_CACHED_BYTES);
      assertThat(store.chunksRead - readsBefore).as("at most the chunks a page of 1,001 spans").isLessThanOrEqualTo(2);

      long readsOfTheFirst = store.chunksRead;
      assertThat(showDraw.page(CONCERT, from, limit)).as("the same page again").isEqualTo(page);
      assertThat(store.chunksRead).as("the same page again costs no read").isEqualTo(readsOfTheFirst);
    }
    assertThat(showDraw.cachedBytes()).as("the cache is used up to its bound")
        .isGreaterThan(ShowDraw.MAX_CACHED_BYTES - 2 * chunkBytes());
  }

  @Test
  void a_draw_that_fits_is_read_once_a_chunk_whatever_pages_are_asked() {
    List<Draw.Entry> draw = draw(SMALL_DRAW);
    CountingStore store = new CountingStore(draw);
    ShowDraw showDraw = new ShowDraw(store, MutableClock.fromSystem());
    for (int i = 0; i < REQUESTS; i++) {
      long from = i % SMALL_DRAW;
      int limit = ShowDraw.MAX_LIMIT - i / 2;  // with from: 2,000 distinct pairs
      assertThat(showDraw.page(CONCERT, from, limit).entries()).isEqualTo(expected(from, limit, draw));
    }
    assertThat(store.chunksRead).as("chunks 0 and 1, once each").isEqualTo(2);
    assertThat(store.requests).as("both for the first page (its look-ahead reaches chunk 1)").isEqualTo(1);
    assertThat(showDraw.cachedBytes()).isLessThanOrEqualTo(2 * chunkBytes());

    // The second chunk is short: the draw ends there, and cursors past it read nothing.
    for (long from : List.of(1_210L, 2_000L, 5_000L, 999_999_999L)) {
      ShowDraw.Page past = showDraw.page(CONCERT, from, 100);
      assertThat(past.entries()).isEmpty();
      assertThat(past.nextFrom()).isEmpty();
    }
    assertThat(store.requests).as("nothing read past the end").isEqualTo(1);
  }

  /** A chunk of this test's draws as the cache counts it. */
  private static long chunkBytes() {
    return ChunkCache.bytesOf(new ChunkCache.Key(CONCERT, CountingStore.DRAW_ID, 0),
        LongStream.range(0, 1_000).mapToObj(ShowDrawCacheTest::entry).toList());
  }

  private static List<Draw.Entry> expected(long from, int limit, List<Draw.Entry> draw) {
    return draw.subList((int) Math.min(from, draw.size()), (int) Math.min(from + limit, draw.size()));
  }

  private static List<Draw.Entry> draw(long size) {
    return LongStream.range(0, size).mapToObj(ShowDrawCacheTest::entry).toList();
  }

  private static final DrawSeed SEED = DrawSeed.fromHex("ab".repeat(32));
  private static final Draw.Hasher HASHER = Draw.hasher(SEED);

  private static Draw.Entry entry(long position) {
    return HASHER.entry(String.format("r%021d", position));
  }

  /** {@code draw}, published, in chunks of 1,000: counts the requests and the chunks they ask for. */
  private static final class CountingStore implements DrawStore {
    static final String DRAW_ID = "0123456789abcdef";
    private final List<Draw.Entry> draw;
    long requests;
    long chunksRead;

    CountingStore(List<Draw.Entry> draw) {
      this.draw = draw;
    }

    @Override
    public Optional<Published> published(String concertId) {
      return Optional.of(new Published(SEED.hex(), DRAW_ID));
    }

    @Override
    public boolean concertExists(String concertId) {
      return true;
    }

    @Override
    public int chunkSize() {
      return 1_000;
    }

    @Override
    public Map<Long, List<String>> chunks(String concertId, String drawId, List<Long> indexes) {
      requests++;
      chunksRead += indexes.size();
      Map<Long, List<String>> chunks = new HashMap<>();
      for (long index : indexes) {
        if (index * chunkSize() < draw.size()) {
          chunks.put(index, draw.subList((int) (index * chunkSize()), (int) Math.min(draw.size(), (index + 1) * chunkSize()))
              .stream().map(Draw.Entry::receiptId).toList());
        }
      }
      return chunks;
    }
  }
}
