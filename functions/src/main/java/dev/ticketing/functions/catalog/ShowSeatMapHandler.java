package dev.ticketing.functions.catalog;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ShowSeatMap;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /concerts/{concertId}/schedules/{scheduleId}/seats} (gated): the seat map of one date. */
public final class ShowSeatMapHandler extends PrimedHttpFunction {
  private final ShowSeatMap showSeatMap;

  public ShowSeatMapHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public ShowSeatMapHandler(AppComponent app) {
    // An unknown token: the gate's read, then 401.
    super(app, Priming.request("GET", "/concerts/{concertId}/schedules/{scheduleId}/seats")
        .path("concertId", Priming.CONCERT).path("scheduleId", Priming.CONCERT));
    this.showSeatMap = app.showSeatMap();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, showSeatMap.show(request.userId(), request.pathId("concertId"),
        request.pathId("scheduleId"), request.queueToken()));
  }
}
