package dev.ticketing.catalog;

/**
 * Where a concert's sale stands (API.md, "Catalogue"), by precedence: CLOSED, PAUSED, UPCOMING,
 * SOLD_OUT, OPEN. Derived by the scheduled maintenance from the clock, the seats and the
 * operator's flags; until a sale has a lifecycle every sale is OPEN.
 */
public enum SaleState {
  UPCOMING, OPEN, PAUSED, SOLD_OUT, CLOSED
}
