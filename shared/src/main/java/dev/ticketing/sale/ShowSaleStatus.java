package dev.ticketing.sale;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case (operators, {@code status}): how a sale stands, read consistently from where
 * maintenance reads it, so an operator sees a change asked for before the next round applies it.
 * The queue's side of it comes through {@link QueueFigures}.
 */
public final class ShowSaleStatus {
  /**
   * @param state the state derived now from the settings, clock and seats (what the next round records)
   * @param lastRound the state the last maintenance round recorded; empty before the first
   * @param maxActiveSet the operators' active limit; empty: {@code QUEUE_MAX_ACTIVE} applies
   * @param maxActiveApplied the limit the last round applied; empty before the first
   * @param waiting users placed and not yet admitted (may count some who left; arrivals not yet
   *     placed and the pre-queue are not counted)
   * @param active admitted users who may still hold a slot (an upper bound)
   * @param admissionsPerMinute empty until measured
   */
  public record SaleStatus(String concertId, SaleState state, Optional<SaleState> lastRound, boolean paused,
      boolean closed, Optional<Instant> saleOpensAt, Optional<Integer> maxActiveSet, Optional<Integer> maxActiveApplied,
      long waiting, long active, Optional<Long> admissionsPerMinute, List<DateSeats> dates, Instant at) {}

  private final SaleSnapshots sales;
  private final QueueFigures queue;

  @Inject
  public ShowSaleStatus(SaleSnapshots sales, QueueFigures queue) {
    this.sales = sales;
    this.queue = queue;
  }

  public SaleStatus show(String concertId) {
    SaleSnapshots.With<QueueFigures.Figures> read = sales.readWith(concertId, () -> queue.figures(concertId));
    SaleSnapshot sale = read.sale();
    QueueFigures.Figures figures = read.alongside();
    SaleControl control = sale.control();
    return new SaleStatus(concertId, sale.state(), figures.lastRound(), control.paused(), control.closed(),
        sale.terms().saleOpensAt(), control.maxActive(), figures.maxActiveApplied(), figures.waiting(), figures.active(),
        figures.admissionsPerMinute(), sale.dates(), sale.at());
  }
}
