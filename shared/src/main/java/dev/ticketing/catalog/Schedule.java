package dev.ticketing.catalog;

import java.time.Instant;
import java.time.LocalDate;

/** One date of a concert. Catalogue data: written once by the seeder, never changed. */
public record Schedule(String concertId, String scheduleId, LocalDate date, Instant startsAt, int totalSeats) {

  /** A date can be booked until it starts. */
  public boolean isBookableAt(Instant now) {
    return startsAt.isAfter(now);
  }
}
