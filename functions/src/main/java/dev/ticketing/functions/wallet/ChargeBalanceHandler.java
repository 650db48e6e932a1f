package dev.ticketing.functions.wallet;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.wallet.ChargeBalance;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import dev.ticketing.wiring.AppComponent;

/** {@code POST /users/me/balance/charges}, exactly once per {@code Idempotency-Key}. */
public final class ChargeBalanceHandler extends PrimedHttpFunction {
  private final ChargeBalance chargeBalance;

  public ChargeBalanceHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public ChargeBalanceHandler(AppComponent app) {
    // An invalid amount: 400 before any storage (a charge would write).
    super(app, Priming.request("POST", "/users/me/balance/charges").body("{\"amount\":0}"));
    this.chargeBalance = app.chargeBalance();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    String userId = request.userId();
    IdempotencyKey key = request.idempotencyKey();
    return responses.json(200, chargeBalance.charge(userId, key, request.body(ChargeRequest.class)));
  }
}
