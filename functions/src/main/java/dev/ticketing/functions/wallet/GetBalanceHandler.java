package dev.ticketing.functions.wallet;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.wallet.GetBalance;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /users/me/balance}. */
public final class GetBalanceHandler extends PrimedHttpFunction {
  private final GetBalance getBalance;

  public GetBalanceHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public GetBalanceHandler(AppComponent app) {
    // The priming user's (zero) balance: one GetItem.
    super(app, Priming.request("GET", "/users/me/balance"));
    this.getBalance = app.getBalance();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, getBalance.of(request.userId()));
  }
}
