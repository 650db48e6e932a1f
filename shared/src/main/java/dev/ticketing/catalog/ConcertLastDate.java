package dev.ticketing.catalog;

import java.time.Instant;
import java.util.Optional;

/**
 * When a concert's last date starts, as its own item records it: what tells scheduled work whether
 * the concert still needs it. Empty for a concert seeded before the item recorded it (seeding
 * again records it).
 */
public record ConcertLastDate(String concertId, Optional<Instant> startsAt) {}
