package dev.ticketing.reservation;

import dev.ticketing.catalog.Seat;
import java.time.Instant;
import java.util.Map;

/**
 * Where an order is held: every seat, the reservation and the holder's ticket count change in one
 * transaction, so there is never a seat held without its reservation, a reservation holding only
 * some of its seats, or a hold the count does not list.
 */
public interface HoldStore {

  /**
   * Holds every seat of {@code reservation} and stores it, in one transaction, and writes the
   * ticket count {@code seen.with(...)} over {@code seen} (only if nobody wrote the count since
   * it was read), marking the caller's listed holds that are over by {@code now} EXPIRED. Each seat
   * must be AVAILABLE, or HELD by a hold over by {@code now}, and cost what the reservation says.
   * REFUSED changes nothing.
   */
  HoldResult hold(Reservation reservation, TicketCount seen, Instant now);

  enum HoldResult { HELD, REFUSED }

  /**
   * What a refused hold met, read consistently in one request: the caller's ticket count and the
   * order's seats as they stand (a seat that does not exist is missing from the map).
   */
  Found afterRefusal(Reservation refused);

  record Found(TicketCount count, Map<Integer, Seat> seats) {}
}
