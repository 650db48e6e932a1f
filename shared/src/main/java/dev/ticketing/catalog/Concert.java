package dev.ticketing.catalog;

/** A concert of the public catalogue. */
public record Concert(String concertId, String title, String artist, String venue) {}
