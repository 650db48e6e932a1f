package dev.ticketing.payment;

import java.time.Instant;

/** A confirmed purchase of one held seat, as stored and as the API shows it. */
public record Payment(
    String paymentId,
    String reservationId,
    String userId,
    long amount,
    Instant paidAt,
    String concertId,
    String scheduleId,
    int seatNo) {}
