package dev.ticketing.sale;

import java.util.List;

/** The seats of a concert's dates that have yet to start: what the sale state is derived from. */
public record SeatSummary(int datesAhead, long available, long held, long sold) {

  public static SeatSummary of(List<DateSeats> dates) {
    int ahead = 0;
    long available = 0;
    long held = 0;
    long sold = 0;
    for (DateSeats date : dates) {
      if (date.started()) {
        continue;
      }
      ahead++;
      available += date.available();
      held += date.held();
      sold += date.sold();
    }
    return new SeatSummary(ahead, available, held, sold);
  }
}
