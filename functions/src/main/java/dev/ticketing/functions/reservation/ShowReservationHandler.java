package dev.ticketing.functions.reservation;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ShowReservation;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /reservations/{reservationId}}: the caller's reservation; identity only, not gated. */
public final class ShowReservationHandler extends PrimedHttpFunction {
  private final ShowReservation showReservation;

  public ShowReservationHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public ShowReservationHandler(AppComponent app) {
    // An unknown reservation: its GetItem, then 404.
    super(app, Priming.request("GET", "/reservations/{reservationId}").path("reservationId", Priming.RESERVATION));
    this.showReservation = app.showReservation();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, showReservation.show(request.userId(), request.pathId("reservationId")));
  }
}
