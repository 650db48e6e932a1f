package dev.ticketing.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a hold needs to know about a date without reading it: when it starts and what each seat
 * costs. Catalogue facts, written once and never changed, so they may be kept in memory.
 */
public record ScheduleTerms(String concertId, String scheduleId, Instant startsAt, Map<Integer, Long> prices) {
  public ScheduleTerms {
    prices = Map.copyOf(prices);
  }

  static ScheduleTerms of(ScheduleSeats date) {
    Map<Integer, Long> prices = new java.util.HashMap<>();
    date.seats().forEach(seat -> prices.put(seat.seatNo(), seat.price()));
    return new ScheduleTerms(date.schedule().concertId(), date.schedule().scheduleId(), date.schedule().startsAt(), prices);
  }

  public Optional<Long> priceOf(int seatNo) {
    return Optional.ofNullable(prices.get(seatNo));
  }

  public boolean isBookableAt(Instant now) {
    return startsAt.isAfter(now);
  }
}
