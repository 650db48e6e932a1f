package dev.ticketing.functions.priming;

import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.wiring.AppComponent;

/**
 * An HTTP function that primes itself for SnapStart with one synthetic request of its route
 * (see {@link Priming}); its stores prime their own requests.
 */
public abstract class PrimedHttpFunction extends HttpFunction implements Primed {
  private final Priming priming;

  protected PrimedHttpFunction(AppComponent app, ApiGatewayEvents.Builder primingRequest) {
    super(app.objectMapper(), app.log(), app.metrics());
    this.priming = Priming.of(this, app, primingRequest.build());
  }

  @Override
  public final Priming priming() {
    return priming;
  }
}
