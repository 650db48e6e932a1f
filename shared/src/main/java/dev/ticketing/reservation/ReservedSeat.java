package dev.ticketing.reservation;

/** One seat of an order, at the price the hold proved it had. */
public record ReservedSeat(int seatNo, long price) {}
