package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import dev.ticketing.http.ApiException;
import dev.ticketing.http.Ids;

/** The body of {@code POST /reservations}; refuses itself, naming the field, when it is not valid. */
public record ReserveRequest(String concertId, String scheduleId, Integer seatNo) {
  public ReserveRequest {
    Ids.require("concertId", concertId);
    Ids.require("scheduleId", scheduleId);
    if (seatNo == null) {
      throw ApiException.validation("seatNo", "is required");
    }
    if (seatNo < Seat.FIRST || seatNo > Seat.LAST) {
      throw ApiException.validation("seatNo", "must be from " + Seat.FIRST + " to " + Seat.LAST);
    }
  }
}
