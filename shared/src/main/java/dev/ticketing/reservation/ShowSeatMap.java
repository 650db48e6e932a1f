package dev.ticketing.reservation;

import dev.ticketing.catalog.ScheduleSeats;
import dev.ticketing.catalog.SeatInventory;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.queue.QueueTokenId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case (gated): the 50 seats of one date with their status now. The gate's token check and
 * one Query; a hold that has run out shows as AVAILABLE, as the next hold would find it.
 */
public final class ShowSeatMap {
  private final QueueGate gate;
  private final SeatInventory inventory;
  private final Clock clock;

  @Inject
  public ShowSeatMap(QueueGate gate, SeatInventory inventory, Clock clock) {
    this.gate = gate;
    this.inventory = inventory;
    this.clock = clock;
  }

  public SeatMap show(String userId, String concertId, String scheduleId, Optional<QueueTokenId> queueToken) {
    gate.admit(userId, concertId, queueToken);
    ScheduleSeats date = inventory.schedule(concertId, scheduleId)
        .orElseThrow(() -> new Refused(Refusal.SCHEDULE_NOT_FOUND, "concert " + concertId + " has no date " + scheduleId));
    Instant now = Instants.now(clock);
    return new SeatMap(scheduleId, date.seats().stream()
        .map(seat -> new SeatMap.SeatView(seat.seatNo(), seat.statusAt(now), seat.price()))
        .toList());
  }
}
