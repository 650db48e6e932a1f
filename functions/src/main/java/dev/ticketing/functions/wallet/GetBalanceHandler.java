package dev.ticketing.functions.wallet;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.wallet.GetBalance;
import dev.ticketing.wiring.AppComponent;
import java.util.Map;

/** {@code GET /users/me/balance}. */
public final class GetBalanceHandler extends HttpFunction implements Primed {
  private final GetBalance getBalance;
  private final Priming priming;

  public GetBalanceHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public GetBalanceHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.getBalance = app.getBalance();
    // The balance of the priming user (one GetItem).
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.get(app.objectMapper(), "/users/me/balance", "/users/me/balance", Map.of())));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, getBalance.of(request.userId()));
  }
}
