package dev.ticketing.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Dates' start times and seat prices, kept for the life of a function instance. A transaction
 * cannot copy the price from the seat into the reservation, and reading the seat first would
 * cost a request on every hold; so the price comes from here, and the hold's condition
 * {@code price = :price} proves it is still the seat's price (a mismatch drops the entry).
 * Unknown dates are not remembered, so a date seeded later is found.
 */
@Singleton
public final class ScheduleTermsCache {
  /** Far more dates than any deployment sells at once; a full cache starts over rather than grow. */
  static final int MAX_ENTRIES = 10_000;

  private final SeatInventory inventory;
  private final Map<String, ScheduleTerms> terms = new ConcurrentHashMap<>();

  @Inject
  public ScheduleTermsCache(SeatInventory inventory) {
    this.inventory = inventory;
  }

  /** The date's terms; one Query the first time this instance sees the date. */
  public Optional<ScheduleTerms> terms(String concertId, String scheduleId) {
    String key = concertId + "/" + scheduleId;
    ScheduleTerms known = terms.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<ScheduleTerms> loaded = inventory.schedule(concertId, scheduleId).map(ScheduleTerms::of);
    loaded.ifPresent(found -> {
      if (terms.size() >= MAX_ENTRIES) {
        terms.clear();
      }
      terms.put(key, found);
    });
    return loaded;
  }

  /** Forgets a date whose stored terms no longer match what was kept. */
  public void forget(String concertId, String scheduleId) {
    terms.remove(concertId + "/" + scheduleId);
  }
}
