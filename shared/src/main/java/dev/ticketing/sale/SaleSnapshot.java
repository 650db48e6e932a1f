package dev.ticketing.sale;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a sale's state is derived from, read together at one instant: the concert's terms,
 * the operators' control and the seats of its dates. {@link #state()} is the one place the state
 * is derived; maintenance rounds, operator commands and the status report all ask it.
 *
 * <p>Where the state is stored: the queue's counters item holds the authoritative record, written
 * by the round that derived a change, with a compare-and-set that counts each change once
 * ({@code queue.QueueCounters#saleState}). Every other copy is a cache of that record: the concert
 * item's for the public list ({@link SaleTerms#recordedState}) and the queue's state replicas for
 * joins and polls ({@code queue.state.QueueState#saleState}).
 */
public record SaleSnapshot(SaleTerms terms, SaleControl control, List<DateSeats> dates, Instant at) {
  public SaleSnapshot {
    dates = List.copyOf(dates);
  }

  /** The state now, by the precedence of {@link SaleStateRule}. */
  public SaleState state() {
    return SaleStateRule.derive(control, terms.saleOpensAt(), seats(), at);
  }

  public SeatSummary seats() {
    return SeatSummary.of(dates);
  }

  /**
   * What a maintenance round acts on: the state now, the active limit in force (the operators',
   * else {@code defaultMaxActive}) and when the sale last closed, which only the queue's record knows.
   */
  public SaleNow forRound(Optional<Instant> closedBefore, int defaultMaxActive) {
    return new SaleNow(state(), terms.saleOpensAt(), terms.seed(), terms.seedPublished(), closedBefore,
        control.maxActiveOr(defaultMaxActive), control.version(), at);
  }
}
