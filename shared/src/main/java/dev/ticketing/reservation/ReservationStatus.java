package dev.ticketing.reservation;

/**
 * A reservation's life: HELD until paid (CONFIRMED), until its hold runs out (EXPIRED), or until
 * its owner gives it up or pays for another order of the concert (RELEASED).
 */
public enum ReservationStatus { HELD, CONFIRMED, EXPIRED, RELEASED }
