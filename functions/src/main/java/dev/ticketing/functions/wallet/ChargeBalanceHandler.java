package dev.ticketing.functions.wallet;

import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.wallet.ChargeBalance;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import dev.ticketing.wiring.AppComponent;

/** {@code POST /users/me/balance/charges}, exactly once per {@code Idempotency-Key}. */
public final class ChargeBalanceHandler extends HttpFunction {
  private final ChargeBalance chargeBalance;

  public ChargeBalanceHandler() {
    this(AppComponent.fromEnvironment());
  }

  public ChargeBalanceHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.chargeBalance = app.chargeBalance();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    String userId = request.userId();
    IdempotencyKey key = IdempotencyKey.of(request.header("idempotency-key"), request.requestId());
    return responses.json(200, chargeBalance.charge(userId, key, request.body(ChargeRequest.class)));
  }
}
