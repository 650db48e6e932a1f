package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import dev.ticketing.domain.Ids;
import dev.ticketing.domain.Refused;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The body of {@code POST /reservations}; refuses itself, naming the field, when it is not valid.
 * {@code seatNos} are distinct seat numbers of one date, kept in ascending order (an order's seats
 * have no order of their own, and one form makes a repeated hold easy to recognise). The one-seat
 * form of earlier clients, {@code seatNo}, is folded into {@code seatNos} and then null. How many
 * seats one order may have is a setting, checked by the use case.
 */
public record ReserveRequest(String concertId, String scheduleId, List<Integer> seatNos, Integer seatNo) {
  public ReserveRequest {
    Ids.require("concertId", concertId);
    Ids.require("scheduleId", scheduleId);
    if (seatNos != null && seatNo != null) {
      throw Refused.invalid("seatNo", "send seatNos, or seatNo for one seat, not both");
    }
    // Problems are named after the field the client sent.
    String field = seatNo != null ? "seatNo" : "seatNos";
    if (seatNo != null) {
      seatNos = List.of(seatNo);
      seatNo = null;
    }
    if (seatNos == null) {
      throw Refused.invalid("seatNos", "is required");
    }
    if (seatNos.isEmpty()) {
      throw Refused.invalid("seatNos", "must name at least one seat");
    }
    List<Integer> sorted = new ArrayList<>(seatNos.size());
    for (Integer n : seatNos) {
      if (n == null || n < Seat.FIRST || n > Seat.LAST) {
        throw Refused.invalid(field, "a seat number is from " + Seat.FIRST + " to " + Seat.LAST);
      }
      sorted.add(n);
    }
    if (new HashSet<>(sorted).size() != sorted.size()) {
      throw Refused.invalid("seatNos", "must not name a seat twice");
    }
    sorted.sort(null);
    seatNos = List.copyOf(sorted);
  }

  /** A request for {@code seatNos} of one date. */
  public static ReserveRequest of(String concertId, String scheduleId, Integer... seatNos) {
    return new ReserveRequest(concertId, scheduleId, List.of(seatNos), null);
  }
}
