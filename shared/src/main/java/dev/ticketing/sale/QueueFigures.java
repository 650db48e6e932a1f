package dev.ticketing.sale;

import java.util.Optional;

/**
 * What the queue reports about a sale to its operators. A port: the queue builds on the sale, so
 * the sale's status report asks through this and the queue answers.
 */
public interface QueueFigures {
  /**
   * @param lastRound the state the last maintenance round recorded; empty before the first
   * @param maxActiveApplied the active limit the last round applied; empty before the first
   * @param waiting users placed and not yet admitted (may count some who left; arrivals not yet
   *     placed and the pre-queue are not counted)
   * @param active admitted users who may still hold a slot (an upper bound)
   * @param admissionsPerMinute empty until measured
   */
  record Figures(Optional<SaleState> lastRound, Optional<Integer> maxActiveApplied, long waiting, long active,
      Optional<Long> admissionsPerMinute) {}

  /** The concert's figures, read consistently from where maintenance reads them. */
  Figures figures(String concertId);
}
