package dev.ticketing.queue.state;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.ArrivalRange;

/**
 * A waiting token's place, as its poll sees it: written in the token (the draw's places), or
 * computed from its arrival number and the range of its second. The shared state's replicas carry
 * the parts of the newest seconds, so the polls of the newest arrivals (the most numerous in a
 * rush) read no part's item: otherwise every instance polling then would read the same new item.
 * Ranges never change once recorded, so this instance keeps the ones it used, the least recently
 * used going first: a poll costs its token's read, plus at most one read per part of an older
 * second per instance.
 */
@Singleton
public final class ArrivalPlaces {
  /** Shard ends kept at most (about 40 bytes each, boxed, with their list): some 20 MB. */
  static final long MAX_ENDS = 500_000;

  private record Key(String concertId, long bucket, int part) {}

  /** Absent parts remembered at most; more start over. */
  private static final int MAX_ABSENT = 10_000;

  /** Parts of one second a poll looks through at most (a second is placed in one part, or a few where rounds do not wait for it). */
  private static final int MAX_PARTS = 100;

  private final RangeStore store;
  /**
   * Parts found absent, with the shared state's version then: a part is written before the state
   * that counts it, so while the version stands, an absent part stays absent (a poll of a number
   * in the second going on, where placement does not wait for seconds to end, reads nothing again).
   */
  private final Map<Key, Long> absentAt = new ConcurrentHashMap<>();
  /** In access order: the eldest is the least recently used. */
  private final LinkedHashMap<Key, ArrivalRange> ranges = new LinkedHashMap<>(16, 0.75f, true);
  private long ends;

  @Inject
  public ArrivalPlaces(RangeStore store) {
    this.store = store;
  }

  /**
   * The token's place, if it has one: empty while its second is not counted yet (by the shared
   * state {@code state}) or its number not yet placed by a part of its second's range.
   */
  public Optional<Long> placeOf(QueueToken token, QueueState state) {
    if (token.place().isPresent()) {
      return token.place();
    }
    Optional<ArrivalNumber> counted = token.number()
        .filter(number -> state.rangedThrough().filter(ranged -> number.bucket() <= ranged).isPresent());
    if (counted.isEmpty()) {
      return Optional.empty();
    }
    ArrivalNumber number = counted.get();
    Optional<List<ArrivalRange>> carried = state.carriedParts(number.bucket());
    if (carried.isPresent()) {
      // The state carries its second whole: a number its parts do not hold has no place yet.
      for (ArrivalRange range : carried.get()) {
        keep(new Key(token.concertId(), range.bucket(), range.part()), range);
        if (range.holds(number.shard(), number.number())) {
          return range.placeOf(number.shard(), number.number());
        }
      }
      return Optional.empty();
    }
    // A second still open has the parts the shared state names, and no other yet.
    int lastPart = state.openParts().getOrDefault(number.bucket(), MAX_PARTS - 1);
    for (int part = 0; part <= lastPart; part++) {
      Optional<ArrivalRange> range = range(token.concertId(), number.bucket(), part, state.version());
      if (range.isEmpty()) {
        return Optional.empty();  // not placed yet (a later part will hold it)
      }
      if (range.get().holds(number.shard(), number.number())) {
        return range.get().placeOf(number.shard(), number.number());
      }
    }
    return Optional.empty();
  }

  private Optional<ArrivalRange> range(String concertId, long bucket, int part, long version) {
    Key key = new Key(concertId, bucket, part);
    synchronized (this) {
      ArrivalRange known = ranges.get(key);
      if (known != null) {
        return Optional.of(known);
      }
    }
    if (Long.valueOf(version).equals(absentAt.get(key))) {
      return Optional.empty();
    }
    Optional<ArrivalRange> read = store.range(concertId, bucket, part);
    if (read.isPresent()) {
      keep(key, read.get());
      absentAt.remove(key);
    } else {
      if (absentAt.size() >= MAX_ABSENT) {
        absentAt.clear();
      }
      absentAt.put(key, version);
    }
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
