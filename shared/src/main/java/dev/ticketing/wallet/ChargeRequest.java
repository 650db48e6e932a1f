package dev.ticketing.wallet;

import dev.ticketing.domain.Refused;


/** Body of {@code POST /users/me/balance/charges}. */
public record ChargeRequest(Long amount) {
  public ChargeRequest {
    if (amount == null) {
      throw Refused.invalid("amount", "is required");
    }
    if (amount < Money.MIN_CHARGE || amount > Money.MAX_CHARGE) {
      throw Refused.invalid("amount", "must be an integer from " + Money.MIN_CHARGE + " to " + Money.MAX_CHARGE);
    }
  }
}
