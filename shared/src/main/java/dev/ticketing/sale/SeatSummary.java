package dev.ticketing.sale;

import dev.ticketing.catalog.ScheduleSeats;
import dev.ticketing.catalog.SeatStatus;
import java.time.Instant;
import java.util.List;

/**
 * The seats of a concert's dates that have yet to start, as they stand at an instant (a hold that
 * ran out counts as AVAILABLE): what the sale state is derived from.
 */
public record SeatSummary(int datesAhead, long available, long held, long sold) {

  public static SeatSummary of(List<ScheduleSeats> dates, Instant now) {
    int ahead = 0;
    long available = 0;
    long held = 0;
    long sold = 0;
    for (ScheduleSeats date : dates) {
      if (!date.schedule().isBookableAt(now)) {
        continue;
      }
      ahead++;
      for (var seat : date.seats()) {
        SeatStatus status = seat.statusAt(now);
        switch (status) {
          case AVAILABLE -> available++;
          case HELD -> held++;
          case SOLD -> sold++;
        }
      }
    }
    return new SeatSummary(ahead, available, held, sold);
  }
}
