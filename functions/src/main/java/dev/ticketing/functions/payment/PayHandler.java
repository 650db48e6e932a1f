package dev.ticketing.functions.payment;

import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.payment.PayForReservation;
import dev.ticketing.payment.PaymentRequest;
import dev.ticketing.wiring.AppComponent;

/** {@code POST /payments} (gated): 201 with the new payment, 200 with the existing one on a repeat. */
public final class PayHandler extends HttpFunction {
  private final PayForReservation payForReservation;

  public PayHandler() {
    this(AppComponent.fromEnvironment());
  }

  public PayHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.payForReservation = app.payForReservation();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    String userId = request.userId();
    PaymentRequest body = request.body(PaymentRequest.class);
    PayForReservation.Result result = payForReservation.pay(userId, request.header("x-queue-token"), body);
    return responses.json(result instanceof PayForReservation.Result.Paid ? 201 : 200, result.payment());
  }
}
