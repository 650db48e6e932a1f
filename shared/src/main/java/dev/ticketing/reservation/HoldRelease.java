package dev.ticketing.reservation;

import java.time.Instant;

/**
 * Where a running hold is given up (by its owner, or after the owner paid for another order of
 * the concert): every seat AVAILABLE at once, the reservation RELEASED, the hold out of the
 * owner's ticket count, in one transaction.
 */
public interface HoldRelease {

  /** False, changing nothing, if the order was no longer HELD with time left at {@code now}: paid, expired or released. */
  boolean release(HeldOrder order, Instant now);
}
