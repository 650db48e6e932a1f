package dev.ticketing.catalog;

import java.time.Instant;
import dev.ticketing.sale.SaleState;

/**
 * A concert of the public catalogue, with where its sale stands ({@code saleOpensAt} null: open
 * since it was created) and its draw: the commitment to the pre-queue's seed from the start, the
 * seed itself ({@code drawSeed}) once the pre-queue is closed.
 */
public record Concert(String concertId, String title, String artist, String venue, Instant saleOpensAt,
    SaleState saleState, String drawCommitment, String drawSeed) {}
