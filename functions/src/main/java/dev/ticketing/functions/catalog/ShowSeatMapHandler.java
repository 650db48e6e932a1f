package dev.ticketing.functions.catalog;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ShowSeatMap;
import dev.ticketing.wiring.AppComponent;
import java.util.Map;

/** {@code GET /concerts/{concertId}/schedules/{scheduleId}/seats} (gated): the seat map of one date. */
public final class ShowSeatMapHandler extends HttpFunction implements Primed {
  private final ShowSeatMap showSeatMap;
  private final Priming priming;

  public ShowSeatMapHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public ShowSeatMapHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.showSeatMap = app.showSeatMap();
    // An unknown token at the gate (401), then the first-use write (refused) and the seat map's Query.
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.get(app.objectMapper(), "/concerts/{concertId}/schedules/{scheduleId}/seats",
            "/concerts/" + PrimingEvents.CONCERT + "/schedules/" + PrimingEvents.CONCERT + "/seats",
            Map.of("concertId", PrimingEvents.CONCERT, "scheduleId", PrimingEvents.CONCERT))),
        () -> app.storagePriming().refusedUpdate("TOKEN#"), () -> app.storagePriming().query("CONCERT#"));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, showSeatMap.show(request.userId(), request.pathId("concertId"),
        request.pathId("scheduleId"), request.header("x-queue-token")));
  }
}
