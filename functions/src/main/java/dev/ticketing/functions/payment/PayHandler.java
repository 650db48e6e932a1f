package dev.ticketing.functions.payment;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.payment.PayForReservation;
import dev.ticketing.payment.PaymentRequest;
import dev.ticketing.wiring.AppComponent;
import java.util.Map;

/** {@code POST /payments} (gated): 201 with the new payment, 200 with the existing one on a repeat. */
public final class PayHandler extends HttpFunction implements Primed {
  private final PayForReservation payForReservation;
  private final Priming priming;

  public PayHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public PayHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.payForReservation = app.payForReservation();
    // Another user's (unknown) reservation (404), then the gate's first-use write and the payment's transaction, both refused.
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.event(app.objectMapper(), "POST", "/payments", "/payments", Map.of(), Map.of(),
            "{\"reservationId\":\"PRIMINGPRIMINGPRIMINGP\"}")),
        () -> app.storagePriming().refusedUpdate("TOKEN#"), () -> app.storagePriming().refusedTransaction("RESERVATION#"),
        () -> app.storagePriming().getItem("USER#"));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    String userId = request.userId();
    PaymentRequest body = request.body(PaymentRequest.class);
    PayForReservation.Result result = payForReservation.pay(userId, request.header("x-queue-token"), body);
    return responses.json(result instanceof PayForReservation.Result.Paid ? 201 : 200, result.payment());
  }
}
