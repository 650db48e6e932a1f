package dev.ticketing.ops.preflight;

/**
 * What a peak of joins a second asks of the stack, by the figures of the README's "Capacity for a
 * real sale" (a join: 3 requests, 1 read and 3 write units; the polls of the busiest second; a join
 * about 16 ms and a poll about 6 ms of a function). The figures live here once; a test reads them
 * back from the README, so that the two cannot drift apart.
 */
record SaleCapacity(long peakJoinsPerSecond) {
  /** A join's write units: its number, its token's conditional put, its index entry (gsi2, or gsi1 before the opening). */
  static final int WRITE_UNITS_PER_JOIN = 3;
  /** Each index takes at most one entry per join: gsi2 an arrival's, gsi1 a pre-queue join's. */
  static final int INDEX_WRITE_UNITS_PER_JOIN = 1;
  /** Read units a second per join a second at the peak: 150,000 at 100,000 joins/s (the join's read and the polls'). */
  static final double READ_UNITS_PER_JOIN = 1.5;
  /** Polls in the busiest second per join a second: 250,000 requests in all at 100,000 joins/s. */
  static final double POLLS_PER_JOIN = 1.5;
  /** How long a function takes for a join and for a poll, in milliseconds (docs/performance.md). */
  static final int JOIN_MILLIS = 16;
  static final int POLL_MILLIS = 6;
  /** Lambda keeps this much of the account's concurrency unreserved, whatever the reservations. */
  static final int UNRESERVED_MINIMUM = 100;

  SaleCapacity {
    if (peakJoinsPerSecond < 1) {
      throw new IllegalArgumentException("a peak of at least 1 join a second");
    }
  }

  /** The join route's requests a second. */
  long joinRequests() {
    return peakJoinsPerSecond;
  }

  /** The status route's requests in the busiest second. */
  long pollRequests() {
    return (long) Math.ceil(peakJoinsPerSecond * POLLS_PER_JOIN);
  }

  /** Every request the API takes in the busiest second (the account's rate quota covers them all). */
  long apiRequests() {
    return joinRequests() + pollRequests();
  }

  long tableWriteUnits() {
    return peakJoinsPerSecond * WRITE_UNITS_PER_JOIN;
  }

  long tableReadUnits() {
    return (long) Math.ceil(peakJoinsPerSecond * READ_UNITS_PER_JOIN);
  }

  long indexWriteUnits() {
    return peakJoinsPerSecond * INDEX_WRITE_UNITS_PER_JOIN;
  }

  /** Functions running at once at the peak: the joins' time plus the polls' time, a second's worth. */
  long concurrency() {
    return (long) Math.ceil((joinRequests() * JOIN_MILLIS + pollRequests() * POLL_MILLIS) / 1000.0);
  }
}
