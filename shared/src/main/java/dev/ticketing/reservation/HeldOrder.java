package dev.ticketing.reservation;

import dev.ticketing.catalog.SeatId;
import java.util.List;

/**
 * A running hold as something to give up: whose it is and which seats it holds (the holder's
 * ticket count lists it).
 */
public record HeldOrder(String reservationId, String userId, String concertId, String scheduleId, List<Integer> seatNos) {
  public HeldOrder {
    seatNos = List.copyOf(seatNos);
  }

  public List<SeatId> seats() {
    return seatNos.stream().map(seatNo -> new SeatId(concertId, scheduleId, seatNo)).toList();
  }
}
