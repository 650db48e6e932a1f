package dev.ticketing.bench.rush;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Time from join to place, and order inversions, of the joins of one throttled run. */
final class Placements {
  /** Joins at least this far apart must be placed in arrival order (docs/api.md, the sequencing window). */
  static final long SEQUENCING_WINDOW_NANOS = 3_000_000_000L;

  /** One successful join: when it arrived (its call started) and, if it got one, its place and when it was seen. */
  record Placed(long arrivedNanos, long place, long placedAtNanos) {
    boolean hasPlace() {
      return place > 0;
    }
  }

  /**
   * {@code lowerBound}: some joins never got a place within the run, so the percentile counts
   * them as placed at the end of the run and is a lower bound.
   */
  record Summary(long placed, long neverPlaced, double p99Seconds, double maxSeconds, boolean lowerBound, long inversions) {}

  private Placements() {}

  static Summary summarize(List<Placed> joins, long runEndNanos) {
    double[] seconds = new double[joins.size()];
    long neverPlaced = 0;
    for (int i = 0; i < joins.size(); i++) {
      Placed p = joins.get(i);
      long at = p.hasPlace() ? p.placedAtNanos() : runEndNanos;
      neverPlaced += p.hasPlace() ? 0 : 1;
      seconds[i] = Math.max(0, at - p.arrivedNanos()) / 1e9;
    }
    Arrays.sort(seconds);
    double p99 = seconds.length == 0 ? Double.NaN : seconds[Math.max(0, (int) Math.ceil(0.99 * seconds.length) - 1)];
    double max = seconds.length == 0 ? Double.NaN : seconds[seconds.length - 1];
    return new Summary(joins.size() - neverPlaced, neverPlaced, p99, max, neverPlaced > 0,
        inversions(joins.stream().filter(Placed::hasPlace).toList(), SEQUENCING_WINDOW_NANOS));
  }

  /** Pairs (a, b) with b arrived at least {@code apart} after a but placed before a. O(n log n). */
  static long inversions(List<Placed> placed, long apart) {
    Placed[] byArrival = placed.toArray(new Placed[0]);
    Arrays.sort(byArrival, Comparator.comparingLong(Placed::arrivedNanos));
    long[] places = placed.stream().mapToLong(Placed::place).sorted().distinct().toArray();
    long[] tree = new long[places.length + 1];
    long inserted = 0;
    long inversions = 0;
    int earlier = 0;
    for (Placed b : byArrival) {
      while (earlier < byArrival.length && byArrival[earlier].arrivedNanos() <= b.arrivedNanos() - apart) {
        for (int i = Arrays.binarySearch(places, byArrival[earlier].place()) + 1; i < tree.length; i += i & -i) {
          tree[i]++;
        }
        inserted++;
        earlier++;
      }
      long notAfter = 0;  // earlier joins whose place is <= b's
      for (int i = Arrays.binarySearch(places, b.place()) + 1; i > 0; i -= i & -i) {
        notAfter += tree[i];
      }
      inversions += inserted - notAfter;
    }
    return inversions;
  }
}
