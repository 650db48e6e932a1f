package dev.ticketing.reservation;

import dev.ticketing.catalog.SeatInventory;
import dev.ticketing.domain.Instants;
import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.queue.QueueTokenId;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case (gated): a concert's future dates that still have a free seat, by date. Reads only:
 * the gate's token check and one Query of the concert's dates and seats. A hold that has run
 * out counts as free, so the answer does not wait for the release step.
 */
public final class ListBookableDates {
  private final QueueGate gate;
  private final SeatInventory inventory;
  private final Clock clock;

  @Inject
  public ListBookableDates(QueueGate gate, SeatInventory inventory, Clock clock) {
    this.gate = gate;
    this.inventory = inventory;
    this.clock = clock;
  }

  public BookableDates list(String userId, String concertId, Optional<QueueTokenId> queueToken) {
    gate.admit(userId, concertId, queueToken);
    Instant now = Instants.now(clock);
    return new BookableDates(concertId, inventory.schedules(concertId).stream()
        .filter(date -> date.schedule().isBookableAt(now))
        .map(date -> new BookableDates.BookableDate(date.schedule().scheduleId(), date.schedule().date(),
            date.schedule().startsAt(), date.schedule().totalSeats(), date.availableAt(now)))
        .filter(date -> date.availableSeats() > 0)
        .sorted(Comparator.comparing(BookableDates.BookableDate::startsAt).thenComparing(BookableDates.BookableDate::scheduleId))
        .toList());
  }
}
