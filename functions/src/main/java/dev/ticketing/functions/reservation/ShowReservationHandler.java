package dev.ticketing.functions.reservation;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ShowReservation;
import dev.ticketing.wiring.AppComponent;
import java.util.Map;

/** {@code GET /reservations/{reservationId}}: the caller's reservation; identity only, not gated. */
public final class ShowReservationHandler extends HttpFunction implements Primed {
  private final ShowReservation showReservation;
  private final Priming priming;

  public ShowReservationHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public ShowReservationHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.showReservation = app.showReservation();
    // Another user's (unknown) reservation: one GetItem, 404.
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.get(app.objectMapper(), "/reservations/{reservationId}",
            "/reservations/PRIMINGPRIMINGPRIMINGPR", Map.of("reservationId", "PRIMINGPRIMINGPRIMINGPR"))));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, showReservation.show(request.userId(), request.pathId("reservationId")));
  }
}
