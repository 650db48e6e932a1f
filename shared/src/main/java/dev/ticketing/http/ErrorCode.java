package dev.ticketing.http;

import java.util.Locale;

/** The stable, machine-readable {@code code} of every problem response (docs/api.md). */
public enum ErrorCode {
  VALIDATION_FAILED(400, "Validation failed"),
  UNAUTHENTICATED(401, "Unauthenticated"),
  TOKEN_INVALID(401, "Queue token invalid"),
  TOKEN_EXPIRED(401, "Queue token expired"),
  TOKEN_NOT_ACTIVE(403, "Queue token not active yet"),
  TOKEN_FORBIDDEN(403, "Queue token not valid for this request"),
  INSUFFICIENT_SCOPE(403, "Insufficient scope"),
  ROUTE_NOT_FOUND(404, "Not Found"),
  CONCERT_NOT_FOUND(404, "Concert not found"),
  SCHEDULE_NOT_FOUND(404, "Schedule not found"),
  RESERVATION_NOT_FOUND(404, "Reservation not found"),
  SEAT_UNAVAILABLE(409, "Seat unavailable"),
  TICKET_LIMIT(409, "Ticket limit reached"),
  HOLD_EXPIRED(409, "Hold expired"),
  ALREADY_PAID(409, "Already paid"),
  INSUFFICIENT_BALANCE(409, "Insufficient balance"),
  BALANCE_LIMIT(409, "Balance limit exceeded"),
  IDEMPOTENCY_KEY_REUSED(409, "Idempotency key reused"),
  SALE_CLOSED(409, "Sale closed"),
  DRAW_NOT_OPEN(409, "Draw not published yet"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  TOO_MANY_REQUESTS(429, "Too many requests"),
  INTERNAL(500, "Internal server error"),
  UNAVAILABLE(503, "Service unavailable");

  private final int status;
  private final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** A relative URI naming the problem type, as RFC 9457 allows. */
  public String type() {
    return "/problems/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
