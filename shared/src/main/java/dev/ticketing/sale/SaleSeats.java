package dev.ticketing.sale;

import java.time.Instant;
import java.util.List;

/**
 * The seats a sale's state depends on, as the catalogue holds them. A port: the catalogue (dates
 * and seats) builds on the sale's values, so the sale asks for seat counts through this and the
 * catalogue answers ({@code catalog.InventorySaleSeats}). One storage request per call.
 */
public interface SaleSeats {
  /** Every date of the concert, in date order, counted at {@code now}. */
  List<DateSeats> dates(String concertId, Instant now);
}
