package dev.ticketing.reservation;

import dev.ticketing.catalog.SeatId;
import java.util.List;

/**
 * A running hold as something to give up: whose it is, which seats it holds, and whether the
 * holder's ticket count lists it ({@code counted}: every hold made since orders existed; a hold
 * stored before then is in no count).
 */
public record HeldOrder(String reservationId, String userId, String concertId, String scheduleId, List<Integer> seatNos,
    boolean counted) {
  public HeldOrder {
    seatNos = List.copyOf(seatNos);
  }

  public List<SeatId> seats() {
    return seatNos.stream().map(seatNo -> new SeatId(concertId, scheduleId, seatNo)).toList();
  }
}
