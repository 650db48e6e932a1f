package dev.ticketing.queue;

import dev.ticketing.sale.Draw;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

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
  /** Chunks kept at most: 1,000 receipts of 22 characters each, about 80 KB with their objects; some 16 MB. */
  static final int MAX_CHUNKS = 200;

  private record Key(String concertId, String drawId, long index) {}

  private final DrawChunkStore store;
  private final DrawSeeds seeds;
  /** In access order: the eldest is the least recently used. */
  private final LinkedHashMap<Key, List<String>> chunks = new LinkedHashMap<>(16, 0.75f, true);

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
      Optional<List<String>> receipts = chunk(new Key(token.concertId(), draw.drawId(), index));
      int at = receipts.map(r -> r.indexOf(token.receiptId())).orElse(-1);
      if (at >= 0) {
        return Optional.of((long) index * PlacementStore.DRAW_CHUNK + at + 1);
      }
    }
    return Optional.empty();
  }

  private Optional<List<String>> chunk(Key key) {
    synchronized (this) {
      List<String> known = chunks.get(key);
      if (known != null) {
        return Optional.of(known);
      }
    }
    Optional<List<String>> read = store.chunk(key.concertId(), key.drawId(), key.index());
    read.ifPresent(receipts -> keep(key, receipts));
    return read;
  }

  private synchronized void keep(Key key, List<String> receipts) {
    if (chunks.containsKey(key)) {
      return;
    }
    Iterator<List<String>> eldest = chunks.values().iterator();
    while (chunks.size() >= MAX_CHUNKS) {
      eldest.next();
      eldest.remove();
    }
    chunks.put(key, receipts);
  }
}
