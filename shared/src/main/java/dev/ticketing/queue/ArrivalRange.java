package dev.ticketing.queue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Arrivals of one second, placed: the places after {@code base} go to each shard's numbers
 * {@code (from[s], to[s]]}, shard 0's first, then shard 1's, each in number order, as the round
 * read the counters (ConsistentRead). Written once and never changed, so any copy of it is as good
 * as the item.
 *
 * <p>A second is usually placed whole, once it is over ({@code part} 0, every {@code from} 0).
 * Where placement does not wait for a second to end (no settling time, the local runtime), a
 * round places what the second has so far and a later round places the rest as the next
 * {@code part}, starting from the ends this one reached: a shard's end never moves back, and no
 * number is placed twice or left out. Arrival order holds across seconds; within one second the
 * order is the parts', then the shards'.
 */
public record ArrivalRange(long bucket, int part, long base, List<Long> from, List<Long> to) {

  public ArrivalRange {
    from = List.copyOf(from);
    to = List.copyOf(to);
    if (from.size() != to.size()) {
      throw new IllegalArgumentException("a range has a start and an end per shard");
    }
  }

  /** A second's first part: each shard's numbers 1..counts[s]. */
  public static ArrivalRange of(long bucket, long base, long[] counts) {
    return next(bucket, 0, base, Collections.nCopies(counts.length, 0L), counts);
  }

  /** A part that takes each shard on from {@code ends} (the previous part's) to {@code counts}. */
  public static ArrivalRange next(long bucket, int part, long base, List<Long> ends, long[] counts) {
    List<Long> to = new ArrayList<>(counts.length);
    for (int shard = 0; shard < counts.length; shard++) {
      to.add(Math.max(counts[shard], shard < ends.size() ? ends.get(shard) : 0));
    }
    List<Long> from = new ArrayList<>(counts.length);
    for (int shard = 0; shard < counts.length; shard++) {
      from.add(shard < ends.size() ? ends.get(shard) : 0);
    }
    return new ArrivalRange(bucket, part, base, from, to);
  }

  public long total() {
    long total = 0;
    for (int shard = 0; shard < to.size(); shard++) {
      total += count(shard);
    }
    return total;
  }

  /** The last place of this range. */
  public long last() {
    return base + total();
  }

  /** Whether this part holds {@code number} of {@code shard}. */
  public boolean holds(int shard, long number) {
    return shard >= 0 && shard < to.size() && number > from.get(shard) && number <= to.get(shard);
  }

  /** The place of {@code number}, taken from {@code shard} in this second; empty if this part does not hold it. */
  public Optional<Long> placeOf(int shard, long number) {
    if (!holds(shard, number)) {
      return Optional.empty();
    }
    return Optional.of(base + placesBefore(shard) + (number - from.get(shard)));
  }

  /** The numbers of {@code shard} that hold places {@code (fromExclusive, toInclusive]}, as [first, last]; empty if none. */
  public Optional<long[]> numbersOf(int shard, long fromExclusive, long toInclusive) {
    long offset = base + placesBefore(shard) - from.get(shard);
    long first = Math.max(from.get(shard) + 1, fromExclusive + 1 - offset);
    long last = Math.min(to.get(shard), toInclusive - offset);
    return first > last ? Optional.empty() : Optional.of(new long[] {first, last});
  }

  public int shards() {
    return to.size();
  }

  private long count(int shard) {
    return to.get(shard) - from.get(shard);
  }

  private long placesBefore(int shard) {
    long before = 0;
    for (int s = 0; s < shard; s++) {
      before += count(s);
    }
    return before;
  }
}
