package dev.ticketing.sale;

import dev.ticketing.sale.draw.DrawSeed;
import java.time.Instant;
import java.util.Optional;

/**
 * What a maintenance round knows of a concert's sale at its start: the state derived this round,
 * the opening, the draw's seed (maintenance only: it is secret until published) and whether it is, when the sale
 * last closed, and the active limit in force ({@code controlVersion}: the operators' settings'
 * version, which grows with each of their changes).
 */
public record SaleNow(SaleState state, Optional<Instant> saleOpensAt, Optional<DrawSeed> seed, boolean seedPublished,
    Optional<Instant> closedBefore, int maxActive, long controlVersion, Instant at) {

  /** The pre-queue is still waiting for the opening (nothing is placed before it). */
  public boolean beforeOpening() {
    return saleOpensAt.filter(at::isBefore).isPresent();
  }
}
