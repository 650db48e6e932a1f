package dev.ticketing.functions.wallet;

import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.wallet.GetBalance;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /users/me/balance}. */
public final class GetBalanceHandler extends HttpFunction {
  private final GetBalance getBalance;

  public GetBalanceHandler() {
    this(AppComponent.fromEnvironment());
  }

  public GetBalanceHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.getBalance = app.getBalance();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, getBalance.of(request.userId()));
  }
}
