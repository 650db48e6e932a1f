package dev.ticketing.reservation;

/** A reservation's life: HELD until paid (CONFIRMED) or until its hold runs out (EXPIRED). */
public enum ReservationStatus { HELD, CONFIRMED, EXPIRED }
