package dev.ticketing.reservation;

import dev.ticketing.catalog.SeatId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One order of 1-4 seats of one date by one user, as stored. It keeps its history: after it
 * expires and its seats go to someone else, it still reads EXPIRED for its owner.
 * {@code storedStatus} is what was last written; a HELD reservation whose hold has run out is
 * EXPIRED before anything rewrites it (see {@link #statusAt}). {@code confirmedAt} is the
 * payment's time once paid. The owner's ticket count lists it while it is HELD.
 */
public record Reservation(
    String reservationId,
    String userId,
    String concertId,
    String scheduleId,
    List<ReservedSeat> seats,
    ReservationStatus storedStatus,
    Instant heldAt,
    Instant holdExpiresAt,
    Optional<Instant> confirmedAt) {

  public Reservation {
    seats = List.copyOf(seats);
    if (seats.isEmpty()) {
      throw new IllegalArgumentException("a reservation holds at least one seat");
    }
  }

  static Reservation held(String reservationId, String userId, String concertId, String scheduleId, List<ReservedSeat> seats,
      Instant now, Instant holdExpiresAt) {
    return new Reservation(reservationId, userId, concertId, scheduleId, seats, ReservationStatus.HELD, now,
        holdExpiresAt, Optional.empty());
  }

  /** The sum of the seats' stored prices: what a payment charges. */
  public long price() {
    return seats.stream().mapToLong(ReservedSeat::price).sum();
  }

  public List<Integer> seatNos() {
    return seats.stream().map(ReservedSeat::seatNo).toList();
  }

  /** The seats this reservation holds, or held. */
  public List<SeatId> seatIds() {
    return seats.stream().map(seat -> new SeatId(concertId, scheduleId, seat.seatNo())).toList();
  }

  /** This reservation as a hold to give up. */
  public HeldOrder order() {
    return new HeldOrder(reservationId, userId, concertId, scheduleId, seatNos());
  }

  public ReservationStatus statusAt(Instant now) {
    if (storedStatus == ReservationStatus.HELD && !now.isBefore(holdExpiresAt)) {
      return ReservationStatus.EXPIRED;
    }
    return storedStatus;
  }

  public ReservationView viewAt(Instant now) {
    return new ReservationView(reservationId, concertId, scheduleId, seatNos(), seats, price(), statusAt(now), holdExpiresAt);
  }
}
