package dev.ticketing.functions.reservation;

import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.reservation.ReserveSeat;
import dev.ticketing.wiring.AppComponent;

/** {@code POST /reservations} (gated): 201 with a new hold, 200 with the caller's existing hold of the seat. */
public final class ReserveSeatHandler extends HttpFunction {
  private final ReserveSeat reserveSeat;

  public ReserveSeatHandler() {
    this(AppComponent.fromEnvironment());
  }

  public ReserveSeatHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.reserveSeat = app.reserveSeat();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    String userId = request.userId();
    ReserveSeat.Result result = reserveSeat.reserve(userId, request.body(ReserveRequest.class), request.header("x-queue-token"));
    return responses.json(result instanceof ReserveSeat.Result.Created ? 201 : 200, result.reservation());
  }
}
