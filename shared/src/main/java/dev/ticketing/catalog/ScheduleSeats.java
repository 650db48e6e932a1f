package dev.ticketing.catalog;

import java.time.Instant;
import java.util.List;

/** A date with its seats, ordered by seat number: what one Query of the concert's partition returns. */
public record ScheduleSeats(Schedule schedule, List<Seat> seats) {
  public ScheduleSeats {
    seats = List.copyOf(seats);
  }

  public int availableAt(Instant now) {
    return (int) seats.stream().filter(seat -> seat.statusAt(now) == SeatStatus.AVAILABLE).count();
  }
}
