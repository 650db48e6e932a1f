package dev.ticketing.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Reads of a concert's dates and seats. Each method is one storage request, whose cost is fixed
 * by the venue (dates x 50 seats), never by how many reservations were made.
 */
public interface SeatInventory {

  /** Every date of the concert with its seats, in key order. */
  List<ScheduleSeats> schedules(String concertId);

  /** One date of the concert with its seats; empty if the concert has no such date. */
  Optional<ScheduleSeats> schedule(String concertId, String scheduleId);
}
