package dev.ticketing.http;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;

/**
 * The edge's translation of the domain's refusals into problems: each refusal has its code, and
 * so its status (docs/api.md). An exhaustive switch, so a new refusal does not compile until it has one.
 */
public final class Refusals {
  private Refusals() {}

  public static ErrorCode codeOf(Refusal refusal) {
    return switch (refusal) {
      case INVALID_INPUT -> ErrorCode.VALIDATION_FAILED;
      case TOKEN_INVALID -> ErrorCode.TOKEN_INVALID;
      case TOKEN_EXPIRED -> ErrorCode.TOKEN_EXPIRED;
      case TOKEN_NOT_ACTIVE -> ErrorCode.TOKEN_NOT_ACTIVE;
      case TOKEN_FORBIDDEN -> ErrorCode.TOKEN_FORBIDDEN;
      case CONCERT_NOT_FOUND -> ErrorCode.CONCERT_NOT_FOUND;
      case SCHEDULE_NOT_FOUND -> ErrorCode.SCHEDULE_NOT_FOUND;
      case RESERVATION_NOT_FOUND -> ErrorCode.RESERVATION_NOT_FOUND;
      case SEAT_UNAVAILABLE -> ErrorCode.SEAT_UNAVAILABLE;
      case TICKET_LIMIT -> ErrorCode.TICKET_LIMIT;
      case HOLD_EXPIRED -> ErrorCode.HOLD_EXPIRED;
      case ALREADY_PAID -> ErrorCode.ALREADY_PAID;
      case INSUFFICIENT_BALANCE -> ErrorCode.INSUFFICIENT_BALANCE;
      case BALANCE_LIMIT -> ErrorCode.BALANCE_LIMIT;
      case IDEMPOTENCY_KEY_REUSED -> ErrorCode.IDEMPOTENCY_KEY_REUSED;
      case SALE_CLOSED -> ErrorCode.SALE_CLOSED;
      case DRAW_NOT_OPEN -> ErrorCode.DRAW_NOT_OPEN;
    };
  }

  public static Problem problemOf(Refused refused) {
    return Problem.of(codeOf(refused.refusal()), refused.detail(), refused.members());
  }
}
