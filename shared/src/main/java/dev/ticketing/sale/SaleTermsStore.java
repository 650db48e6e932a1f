package dev.ticketing.sale;

import java.time.Instant;
import java.util.Optional;
import dev.ticketing.sale.draw.DrawSeed;

/**
 * The sale's part of a concert's items, for the scheduled maintenance and the operators: never
 * read per request (the public list reads the concert item through the catalogue's index).
 */
public interface SaleTermsStore {

  /** The concert's sale terms, read consistently; empty if there is no such concert. */
  Optional<SaleTerms> terms(String concertId);

  /**
   * The concert's draw seed alone, read consistently by key: what a pre-queue join needs to order
   * its token (it never changes once the concert exists, so callers may keep it).
   */
  Optional<DrawSeed> seed(String concertId);

  /** Records the derived sale state on the concert, for the public list. */
  void recordState(String concertId, SaleState state);

  /** Publishes the draw's seed on the concert, once (the pre-queue is closed). */
  void publishSeed(String concertId, DrawSeed seed, String drawId);

  /**
   * Moves the sale's opening from {@code expected} to {@code next}; false if the concert's opening
   * is no longer {@code expected} (another change came first).
   */
  boolean moveOpening(String concertId, Instant expected, Instant next);
}
