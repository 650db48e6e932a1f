package dev.ticketing.queue;

import java.time.Instant;
import java.util.Comparator;

/**
 * Where a join stands in arrival order: the server's clock at the join, ties broken by the
 * token's public receipt id. Places are handed out in this order (API.md: for joins at least
 * 3 s apart; closer joins may be placed in either order).
 */
public record Arrival(Instant joinedAt, String receiptId) implements Comparable<Arrival> {
  private static final Comparator<Arrival> ORDER =
      Comparator.comparing(Arrival::joinedAt).thenComparing(Arrival::receiptId);

  @Override
  public int compareTo(Arrival other) {
    return ORDER.compare(this, other);
  }

  /** A token waiting for its place, and where it arrived. */
  public record Unplaced(QueueTokenId token, Arrival arrival) {}
}
