package dev.ticketing.sale;

/**
 * Where a concert's sale stands (docs/api.md, "Catalogue"), by precedence: CLOSED, PAUSED, UPCOMING,
 * SOLD_OUT, OPEN. Derived by the scheduled maintenance from the clock, the seats and the
 * operator's flags in every round ({@code sale.SaleStateRule}; docs/design.md, "The sale's life").
 */
public enum SaleState {
  UPCOMING, OPEN, PAUSED, SOLD_OUT, CLOSED
}
