package dev.ticketing.sale;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One date's seats as they stand at an instant (a hold that ran out counts as available); a date
 * that has {@code started} no longer counts for the sale.
 */
public record DateSeats(String scheduleId, LocalDate date, Instant startsAt, boolean started, long available,
    long held, long sold) {}
