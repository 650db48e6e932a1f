package dev.ticketing.queue.state;

import dev.ticketing.sale.draw.Draw;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import dev.ticketing.sale.draw.DrawSeeds;
import dev.ticketing.sale.draw.ChunkCache;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.DrawIndex;

/**
 * A drawn token's place, as its poll sees it, with nothing written to the token: the queue's shared
 * state names the frozen draw and each chunk's first hmac ({@link DrawIndex}); the token's own hmac
 * (from its receipt and the concert's seed, which this instance keeps) picks its chunk, and its
 * position in that chunk is its place. Chunks never change once the draw is frozen, so this
 * instance keeps the ones it read, the least recently used going first: a poll costs its token's
 * read, plus one chunk read per chunk per instance.
 */
@Singleton
public final class DrawPlaces {
  /** The most the chunks kept may count: a chunk of 1,000 receipts of 22 characters counts about 92 KB. */
  static final long MAX_CACHED_BYTES = 16L * 1024 * 1024;

  private final DrawChunkStore store;
  private final DrawSeeds seeds;
  private final ChunkCache<String> chunks = ChunkCache.ofReceipts(MAX_CACHED_BYTES);

  @Inject
  public DrawPlaces(DrawChunkStore store, DrawSeeds seeds) {
    this.store = store;
    this.seeds = seeds;
  }

  /**
   * The place of a token waiting in the pre-queue, once the shared state {@code state} names the
   * draw; empty before that, and for a token the draw did not take (a close ended it, or it came
   * late and is about to be numbered as an arrival).
   */
  public Optional<Long> placeOf(QueueToken token, QueueState state) {
    if (!token.inPreQueue() || token.place().isPresent() || state.draw().isEmpty()) {
      return Optional.empty();
    }
    DrawIndex draw = state.draw().get();
    Optional<String> hmac = seeds.seed(token.concertId()).map(seed -> Draw.hmac(seed, token.receiptId()));
    if (hmac.isEmpty()) {
      return Optional.empty();
    }
    for (int index : draw.candidates(hmac.get())) {
      Optional<List<String>> receipts = chunk(new ChunkCache.Key(token.concertId(), draw.drawId(), index));
      int at = receipts.map(r -> r.indexOf(token.receiptId())).orElse(-1);
      if (at >= 0) {
        return Optional.of((long) index * DrawIndex.CHUNK + at + 1);
      }
    }
    return Optional.empty();
  }

  private Optional<List<String>> chunk(ChunkCache.Key key) {
    Optional<List<String>> kept = chunks.get(key);
    if (kept.isPresent()) {
      return kept;
    }
    Optional<List<String>> read = store.chunk(key.concertId(), key.drawId(), key.index());
    read.ifPresent(receipts -> chunks.put(key, receipts));
    return read;
  }
}
