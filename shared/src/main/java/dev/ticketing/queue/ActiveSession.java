package dev.ticketing.queue;

import java.time.Instant;

/** A gated request's proof of admission: the caller's own ACTIVE token for the concert. */
public record ActiveSession(String token, String userId, String concertId, Instant activeUntil) {}
