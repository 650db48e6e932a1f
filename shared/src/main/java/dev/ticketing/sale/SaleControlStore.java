package dev.ticketing.sale;

import java.time.Instant;
import java.util.List;

/** Where operators' decisions about a sale and their audit trail are kept. */
public interface SaleControlStore {

  /** The sale's control, read consistently ({@link SaleControl#DEFAULT} if no operator changed it yet). */
  SaleControl control(String concertId);

  /**
   * Replaces {@code expected} by {@code next} and records {@code entry}, together or not at all;
   * false if the control is no longer {@code expected} (another change came first).
   */
  boolean change(String concertId, SaleControl expected, SaleControl next, AuditEntry entry);

  /**
   * As {@link #change}, moving the sale's opening from {@code openingBefore} to {@code openingAfter}
   * in the same transaction, only while the draw's seed is unpublished.
   */
  boolean changeOpening(String concertId, SaleControl expected, Instant openingBefore, Instant openingAfter, AuditEntry entry);

  /** Every change of the sale, newest first. */
  List<AuditEntry> audit(String concertId);
}
