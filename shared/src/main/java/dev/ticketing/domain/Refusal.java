package dev.ticketing.domain;

/**
 * Why a use case refuses a request, in the domain's words. The HTTP edge maps each one to its
 * problem code and status (docs/api.md); the domain never speaks of either.
 */
public enum Refusal {
  /** A named field of the request is missing or not valid. */
  INVALID_INPUT,
  TOKEN_INVALID,
  TOKEN_EXPIRED,
  TOKEN_NOT_ACTIVE,
  TOKEN_FORBIDDEN,
  CONCERT_NOT_FOUND,
  SCHEDULE_NOT_FOUND,
  RESERVATION_NOT_FOUND,
  SEAT_UNAVAILABLE,
  /** The caller's live holds and paid seats of the concert would exceed MAX_TICKETS_PER_USER. */
  TICKET_LIMIT,
  HOLD_EXPIRED,
  /** A paid reservation cannot be given up. */
  ALREADY_PAID,
  INSUFFICIENT_BALANCE,
  BALANCE_LIMIT,
  IDEMPOTENCY_KEY_REUSED,
  /** The concert's sale is closed: no new turns (the refusal's members carry the sale state). */
  SALE_CLOSED,
  /** The draw's seed and order are not published yet (the pre-queue is not closed). */
  DRAW_NOT_OPEN
}
