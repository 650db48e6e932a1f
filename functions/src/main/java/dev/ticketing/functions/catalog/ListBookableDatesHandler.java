package dev.ticketing.functions.catalog;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ListBookableDates;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /concerts/{concertId}/schedules} (gated): the dates that can still be booked. */
public final class ListBookableDatesHandler extends PrimedHttpFunction {
  private final ListBookableDates listBookableDates;

  public ListBookableDatesHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public ListBookableDatesHandler(AppComponent app) {
    // An unknown token: the gate's read, then 401.
    super(app, Priming.request("GET", "/concerts/{concertId}/schedules").path("concertId", Priming.CONCERT));
    this.listBookableDates = app.listBookableDates();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, listBookableDates.list(request.userId(), request.pathId("concertId"),
        request.queueToken()));
  }
}
