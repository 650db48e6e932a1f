package dev.ticketing.functions.reservation;

import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ShowReservation;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /reservations/{reservationId}}: the caller's reservation; identity only, not gated. */
public final class ShowReservationHandler extends HttpFunction {
  private final ShowReservation showReservation;

  public ShowReservationHandler() {
    this(AppComponent.fromEnvironment());
  }

  public ShowReservationHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.showReservation = app.showReservation();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, showReservation.show(request.userId(), request.pathId("reservationId")));
  }
}
