package dev.ticketing.catalog;

import dev.ticketing.sale.DateSeats;
import dev.ticketing.sale.SaleSeats;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;

/** The sale's seat counts, from one read of the concert's dates and seats. */
public final class InventorySaleSeats implements SaleSeats {
  private final SeatInventory seats;

  @Inject
  public InventorySaleSeats(SeatInventory seats) {
    this.seats = seats;
  }

  @Override
  public List<DateSeats> dates(String concertId, Instant now) {
    return seats.schedules(concertId).stream().map(date -> counted(date, now)).toList();
  }

  static DateSeats counted(ScheduleSeats date, Instant now) {
    Map<SeatStatus, Long> counts = date.seats().stream()
        .collect(Collectors.groupingBy(seat -> seat.statusAt(now), () -> new EnumMap<>(SeatStatus.class), Collectors.counting()));
    Schedule schedule = date.schedule();
    return new DateSeats(schedule.scheduleId(), schedule.date(), schedule.startsAt(), !schedule.isBookableAt(now),
        counts.getOrDefault(SeatStatus.AVAILABLE, 0L), counts.getOrDefault(SeatStatus.HELD, 0L),
        counts.getOrDefault(SeatStatus.SOLD, 0L));
  }
}
