package dev.ticketing.queue;

import java.time.Instant;

/** A token as the API shows it (POST /concerts/{id}/queue/tokens and GET /queue/status). */
public record QueueView(
    String token,
    String concertId,
    QueueToken.Status status,
    long position,
    Long estimatedWaitSeconds,
    Instant activeUntil) {}
