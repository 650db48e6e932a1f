package dev.ticketing.payment;

import dev.ticketing.domain.Ids;

/** Body of {@code POST /payments}. The amount is never the client's: it is the stored price. */
public record PaymentRequest(String reservationId) {
  public PaymentRequest {
    Ids.require("reservationId", reservationId);
  }
}
