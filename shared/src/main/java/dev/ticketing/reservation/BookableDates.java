package dev.ticketing.reservation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** {@code GET /concerts/{concertId}/schedules}: the dates that can still be booked. */
public record BookableDates(String concertId, List<BookableDate> schedules) {

  public record BookableDate(String scheduleId, LocalDate date, Instant startsAt, int totalSeats, int availableSeats) {}
}
