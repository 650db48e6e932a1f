package dev.ticketing.functions.payment;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.payment.PayForReservation;
import dev.ticketing.payment.PaymentRequest;
import dev.ticketing.wiring.AppComponent;

/** {@code POST /payments} (gated): 201 with the new payment, 200 with the existing one on a repeat. */
public final class PayHandler extends PrimedHttpFunction {
  private final PayForReservation payForReservation;

  public PayHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public PayHandler(AppComponent app) {
    // An unknown reservation: its GetItem, then 404.
    super(app, Priming.request("POST", "/payments").body("{\"reservationId\":\"" + Priming.RESERVATION + "\"}"));
    this.payForReservation = app.payForReservation();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    PayForReservation.Result result = payForReservation.pay(request.userId(), request.queueToken(),
        request.body(PaymentRequest.class));
    return responses.json(result instanceof PayForReservation.Result.Paid ? 201 : 200, result.payment());
  }
}
