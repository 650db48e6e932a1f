package dev.ticketing.sale;

import java.time.Instant;
import java.util.Optional;
import dev.ticketing.sale.draw.DrawSeed;

/**
 * What a concert's own items say about its sale: when it opens (empty: open since it was
 * created), the draw's secret seed (empty for a concert created before draws existed), whether the
 * seed is published yet, and the sale state last recorded on the concert for the public list
 * ({@code recordedState}: a cache of the queue counters' record, which is authoritative; see
 * {@link SaleSnapshot}).
 */
public record SaleTerms(String concertId, Optional<Instant> saleOpensAt, Optional<DrawSeed> seed, boolean seedPublished,
    SaleState recordedState) {}
