package dev.ticketing.functions.catalog;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ListBookableDates;
import dev.ticketing.wiring.AppComponent;
import java.util.Map;

/** {@code GET /concerts/{concertId}/schedules} (gated): the dates that can still be booked. */
public final class ListBookableDatesHandler extends HttpFunction implements Primed {
  private final ListBookableDates listBookableDates;
  private final Priming priming;

  public ListBookableDatesHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public ListBookableDatesHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.listBookableDates = app.listBookableDates();
    // An unknown token at the gate (401), then the first-use write (refused) and the dates' Query.
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.get(app.objectMapper(), "/concerts/{concertId}/schedules",
            "/concerts/" + PrimingEvents.CONCERT + "/schedules", Map.of("concertId", PrimingEvents.CONCERT))),
        () -> app.storagePriming().refusedUpdate("TOKEN#"), () -> app.storagePriming().query("CONCERT#"));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, listBookableDates.list(request.userId(), request.pathId("concertId"),
        request.header("x-queue-token")));
  }
}
