package dev.ticketing.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One second of arrivals, placed: the places after {@code base} go to that second's numbers,
 * shard 0's first, then shard 1's, each shard's in number order. {@code ends.get(s)} is how many
 * numbers shards 0..s hold together, as the round read the counters (ConsistentRead) once the
 * second was over. Written once and never changed, so any copy of it is as good as the item.
 *
 * <p>Arrival order holds across seconds; within one second the order is the shards'. A number
 * beyond what its shard's end says was taken after the round read the counter (a join past its
 * write deadline): it has no place.
 */
public record ArrivalRange(long bucket, long base, List<Long> ends) {

  public ArrivalRange {
    ends = List.copyOf(ends);
  }

  /** The range of one second's counts per shard, placed after {@code base}. */
  public static ArrivalRange of(long bucket, long base, long[] counts) {
    List<Long> ends = new ArrayList<>(counts.length);
    long sum = 0;
    for (long count : counts) {
      sum += count;
      ends.add(sum);
    }
    return new ArrivalRange(bucket, base, ends);
  }

  public long total() {
    return ends.isEmpty() ? 0 : ends.get(ends.size() - 1);
  }

  /** The last place of this range. */
  public long last() {
    return base + total();
  }

  /** The place of {@code number}, taken from {@code shard} in this second; empty if the round never counted it. */
  public Optional<Long> placeOf(int shard, long number) {
    if (shard < 0 || shard >= ends.size() || number < 1 || number > count(shard)) {
      return Optional.empty();
    }
    return Optional.of(base + start(shard) + number);
  }

  /** The numbers of {@code shard} that hold places {@code (fromExclusive, toInclusive]}, as [first, last]; empty if none. */
  public Optional<long[]> numbersOf(int shard, long fromExclusive, long toInclusive) {
    long firstPlace = base + start(shard) + 1;
    long lastPlace = base + ends.get(shard);
    long from = Math.max(firstPlace, fromExclusive + 1);
    long to = Math.min(lastPlace, toInclusive);
    if (from > to) {
      return Optional.empty();
    }
    long offset = base + start(shard);
    return Optional.of(new long[] {from - offset, to - offset});
  }

  public int shards() {
    return ends.size();
  }

  private long count(int shard) {
    return ends.get(shard) - start(shard);
  }

  private long start(int shard) {
    return shard == 0 ? 0 : ends.get(shard - 1);
  }
}
