package dev.ticketing.functions.reservation;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ReleaseReservation;
import dev.ticketing.wiring.AppComponent;

/** {@code DELETE /reservations/{reservationId}}: the caller gives up a hold; identity only, not gated. 204, also on a repeat. */
public final class ReleaseReservationHandler extends PrimedHttpFunction {
  private final ReleaseReservation releaseReservation;

  public ReleaseReservationHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public ReleaseReservationHandler(AppComponent app) {
    // An unknown reservation: its GetItem, then 404.
    super(app, Priming.request("DELETE", "/reservations/{reservationId}").path("reservationId", Priming.RESERVATION));
    this.releaseReservation = app.releaseReservation();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    releaseReservation.release(request.userId(), request.pathId("reservationId"));
    return responses.noContent();
  }
}
