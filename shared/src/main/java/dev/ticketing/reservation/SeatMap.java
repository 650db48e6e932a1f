package dev.ticketing.reservation;

import dev.ticketing.catalog.SeatStatus;
import java.util.List;

/** {@code GET /concerts/{concertId}/schedules/{scheduleId}/seats}: every seat of a date as it stands now. */
public record SeatMap(String scheduleId, List<SeatView> seats) {

  public record SeatView(int seatNo, SeatStatus status, long price) {}
}
