package dev.ticketing.sale;

import java.time.Instant;
import java.util.Optional;

/** docs/api.md's precedence of sale states: the first that applies. Asked only through {@link SaleSnapshot#state()}. */
public final class SaleStateRule {
  private SaleStateRule() {}

  static SaleState derive(SaleControl control, Optional<Instant> saleOpensAt, SeatSummary seats, Instant now) {
    boolean everySeatSold = seats.available() == 0 && seats.held() == 0;
    if (control.closed() || seats.datesAhead() == 0 || everySeatSold) {
      return SaleState.CLOSED;
    }
    if (control.paused()) {
      return SaleState.PAUSED;
    }
    if (saleOpensAt.isPresent() && now.isBefore(saleOpensAt.get())) {
      return SaleState.UPCOMING;
    }
    if (seats.available() == 0) {
      return SaleState.SOLD_OUT;
    }
    return SaleState.OPEN;
  }
}
