package dev.ticketing.catalog;

import java.time.Instant;

/**
 * A concert of the public catalogue, with where its sale stands ({@code saleOpensAt} null: open
 * since it was created).
 */
public record Concert(String concertId, String title, String artist, String venue, Instant saleOpensAt,
    SaleState saleState) {}
