package dev.ticketing.catalog;

import java.time.Instant;
import java.util.Optional;

/**
 * One seat of one date, as stored. {@code storedStatus} is what was last written: a HELD seat
 * whose hold has run out is free again before the release step rewrites it, so what a seat
 * "is" depends on the clock (see {@link #statusAt}).
 */
public record Seat(String concertId, String scheduleId, int seatNo, long price, SeatStatus storedStatus, Optional<SeatHold> hold) {
  public static final int FIRST = 1;
  public static final int LAST = 50;

  public SeatStatus statusAt(Instant now) {
    if (storedStatus == SeatStatus.HELD && hold.map(h -> !h.isLiveAt(now)).orElse(true)) {
      return SeatStatus.AVAILABLE;
    }
    return storedStatus;
  }

  /** The caller's own hold on this seat, if it is still running. */
  public Optional<SeatHold> liveHoldOf(String userId, Instant now) {
    return statusAt(now) == SeatStatus.HELD
        ? hold.filter(h -> h.userId().equals(userId))
        : Optional.empty();
  }
}
