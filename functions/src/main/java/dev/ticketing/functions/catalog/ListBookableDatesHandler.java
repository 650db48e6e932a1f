package dev.ticketing.functions.catalog;

import dev.ticketing.catalog.ListBookableDates;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /concerts/{concertId}/schedules} (gated): the dates that can still be booked. */
public final class ListBookableDatesHandler extends HttpFunction {
  private final ListBookableDates listBookableDates;

  public ListBookableDatesHandler() {
    this(AppComponent.fromEnvironment());
  }

  public ListBookableDatesHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.listBookableDates = app.listBookableDates();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, listBookableDates.list(request.userId(), request.pathId("concertId"),
        request.header("x-queue-token")));
  }
}
