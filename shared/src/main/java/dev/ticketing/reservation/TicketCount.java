package dev.ticketing.reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user's tickets of one concert, as the item keyed by the user and the concert stores them
 * (docs/design.md, "Orders and the ticket limit"): the user's HELD reservations with their seats and
 * expiry, and how many seats the user paid for. What counts against MAX_TICKETS_PER_USER is the
 * seats of the holds still running plus the paid seats: a hold stops counting at its expiry,
 * whether or not anything has rewritten it yet. {@code version} changes with every write (0: no
 * item yet), so a hold can write the count it computed only if nobody wrote in between.
 */
public record TicketCount(String userId, String concertId, List<ListedHold> holds, int paidSeats, long version) {

  /** One HELD reservation as the count lists it. */
  public record ListedHold(String reservationId, String scheduleId, List<Integer> seatNos, Instant expiresAt) {
    public ListedHold {
      seatNos = List.copyOf(seatNos);
    }

    public boolean isLiveAt(Instant now) {
      return now.isBefore(expiresAt);
    }

    /** The hold as something to give up. */
    public HeldOrder order(String userId, String concertId) {
      return new HeldOrder(reservationId, userId, concertId, scheduleId, seatNos);
    }
  }

  public TicketCount {
    holds = List.copyOf(holds);
  }

  /** The count of a user who has never held a seat of the concert. */
  public static TicketCount none(String userId, String concertId) {
    return new TicketCount(userId, concertId, List.of(), 0, 0);
  }

  /** Seats of running holds plus paid seats: what the limit is about. */
  public int ticketsAt(Instant now) {
    return paidSeats + liveAt(now).stream().mapToInt(hold -> hold.seatNos().size()).sum();
  }

  public List<ListedHold> liveAt(Instant now) {
    return holds.stream().filter(hold -> hold.isLiveAt(now)).toList();
  }

  /** Listed holds that are over: the next hold marks their reservations EXPIRED and drops them. */
  public List<ListedHold> expiredAt(Instant now) {
    return holds.stream().filter(hold -> !hold.isLiveAt(now)).toList();
  }

  public Optional<ListedHold> listed(String reservationId) {
    return holds.stream().filter(hold -> hold.reservationId().equals(reservationId)).findFirst();
  }

  /** The caller's running hold of exactly these seats of this date, if any: a repeated hold. */
  public Optional<ListedHold> sameOrderAt(String scheduleId, List<Integer> seatNos, Instant now) {
    return liveAt(now).stream()
        .filter(hold -> hold.scheduleId().equals(scheduleId) && hold.seatNos().equals(seatNos))
        .findFirst();
  }

  /** The count as a hold of {@code added} at {@code now} leaves it: expired holds dropped, the new one listed. */
  public TicketCount with(ListedHold added, Instant now) {
    List<ListedHold> after = new ArrayList<>(liveAt(now));
    after.add(added);
    return new TicketCount(userId, concertId, after, paidSeats, version + 1);
  }
}
