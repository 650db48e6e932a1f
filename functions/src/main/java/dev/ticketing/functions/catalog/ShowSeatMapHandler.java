package dev.ticketing.functions.catalog;

import dev.ticketing.catalog.ShowSeatMap;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /concerts/{concertId}/schedules/{scheduleId}/seats} (gated): the seat map of one date. */
public final class ShowSeatMapHandler extends HttpFunction {
  private final ShowSeatMap showSeatMap;

  public ShowSeatMapHandler() {
    this(AppComponent.fromEnvironment());
  }

  public ShowSeatMapHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.showSeatMap = app.showSeatMap();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, showSeatMap.show(request.userId(), request.pathId("concertId"),
        request.pathId("scheduleId"), request.header("x-queue-token")));
  }
}
