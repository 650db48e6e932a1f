package dev.ticketing.queue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A waiting token's place, as its poll sees it: written in the token (the draw's places), or
 * computed from its arrival number and the range of its second. Ranges never change once
 * recorded, so this instance keeps the ones it read, the least recently used going first: a poll
 * costs its token's read, plus one range read per second of arrivals per instance.
 */
@Singleton
public final class ArrivalPlaces {
  /** Shard ends kept at most (about 40 bytes each, boxed, with their list): some 20 MB. */
  static final long MAX_ENDS = 500_000;

  private record Key(String concertId, long bucket) {}

  private final RangeStore store;
  /** In access order: the eldest is the least recently used. */
  private final LinkedHashMap<Key, ArrivalRange> ranges = new LinkedHashMap<>(16, 0.75f, true);
  private long ends;

  @Inject
  public ArrivalPlaces(RangeStore store) {
    this.store = store;
  }

  /**
   * The token's place, if it has one: empty while its second is not counted yet (by the shared
   * state {@code state}), and for a number its second's range does not hold (taken too late).
   */
  public Optional<Long> placeOf(QueueToken token, QueueState state) {
    if (token.place().isPresent()) {
      return token.place();
    }
    return token.number()
        .filter(number -> state.rangedThrough().filter(ranged -> number.bucket() <= ranged).isPresent())
        .flatMap(number -> range(token.concertId(), number.bucket()).flatMap(r -> r.placeOf(number.shard(), number.number())));
  }

  private Optional<ArrivalRange> range(String concertId, long bucket) {
    Key key = new Key(concertId, bucket);
    synchronized (this) {
      ArrivalRange known = ranges.get(key);
      if (known != null) {
        return Optional.of(known);
      }
    }
    Optional<ArrivalRange> read = store.range(concertId, bucket);
    read.ifPresent(range -> keep(key, range));
    return read;
  }

  private synchronized void keep(Key key, ArrivalRange range) {
    if (ranges.containsKey(key) || range.shards() > MAX_ENDS) {
      return;
    }
    Iterator<ArrivalRange> eldest = ranges.values().iterator();
    while (ends + range.shards() > MAX_ENDS) {
      ends -= eldest.next().shards();
      eldest.remove();
    }
    ranges.put(key, range);
    ends += range.shards();
  }
}
