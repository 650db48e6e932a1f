package dev.ticketing.catalog;

import java.time.Instant;

/** Who holds a seat, under which reservation, until when (the hold is over at {@code expiresAt}). */
public record SeatHold(String userId, String reservationId, Instant expiresAt) {

  public boolean isLiveAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
