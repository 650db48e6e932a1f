package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import dev.ticketing.domain.Ids;
import dev.ticketing.domain.Refused;

/** The body of {@code POST /reservations}; refuses itself, naming the field, when it is not valid. */
public record ReserveRequest(String concertId, String scheduleId, Integer seatNo) {
  public ReserveRequest {
    Ids.require("concertId", concertId);
    Ids.require("scheduleId", scheduleId);
    if (seatNo == null) {
      throw Refused.invalid("seatNo", "is required");
    }
    if (seatNo < Seat.FIRST || seatNo > Seat.LAST) {
      throw Refused.invalid("seatNo", "must be from " + Seat.FIRST + " to " + Seat.LAST);
    }
  }
}
