package dev.ticketing.catalog;

/** A seat as the seat map shows it, and as its item stores it. */
public enum SeatStatus { AVAILABLE, HELD, SOLD }
