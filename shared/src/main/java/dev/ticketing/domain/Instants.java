package dev.ticketing.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The clock as every feature reads it: to the millisecond, the precision items keep instants in
 * (epoch milliseconds). An instant a use case stores is then the one its response shows, and
 * every later response shows it the same (a payment's {@code paidAt} in its 201 and in the
 * history, a hold's {@code holdExpiresAt} in its 201 and when read back). ArchitectureTest keeps
 * features from reading the clock any other way.
 */
public final class Instants {
  private Instants() {}

  public static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
