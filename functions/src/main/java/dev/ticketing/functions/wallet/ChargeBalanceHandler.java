package dev.ticketing.functions.wallet;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.wallet.ChargeBalance;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import dev.ticketing.wiring.AppComponent;
import java.util.Map;

/** {@code POST /users/me/balance/charges}, exactly once per {@code Idempotency-Key}. */
public final class ChargeBalanceHandler extends HttpFunction implements Primed {
  private final ChargeBalance chargeBalance;
  private final Priming priming;

  public ChargeBalanceHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public ChargeBalanceHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.chargeBalance = app.chargeBalance();
    // An invalid amount (400), then the charge's transaction (refused) and balance read.
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.event(app.objectMapper(), "POST", "/users/me/balance/charges",
            "/users/me/balance/charges", Map.of(), Map.of(), "{\"amount\":0}")),
        () -> app.storagePriming().refusedTransaction("USER#"), () -> app.storagePriming().getItem("USER#"));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    String userId = request.userId();
    IdempotencyKey key = IdempotencyKey.of(request.header("idempotency-key"), request.requestId());
    return responses.json(200, chargeBalance.charge(userId, key, request.body(ChargeRequest.class)));
  }
}
