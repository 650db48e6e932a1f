package dev.ticketing.reservation;

import java.time.Instant;

/** A reservation as the API shows it ({@code POST /reservations}, {@code GET /reservations/{id}}). */
public record ReservationView(
    String reservationId,
    String concertId,
    String scheduleId,
    int seatNo,
    long price,
    ReservationStatus status,
    Instant holdExpiresAt) {}
