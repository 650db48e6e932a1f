package dev.ticketing.functions.reservation;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.reservation.ReserveSeat;
import dev.ticketing.wiring.AppComponent;

/** {@code POST /reservations} (gated): 201 with a new hold of 1-4 seats, 200 with the caller's existing hold of exactly those seats. */
public final class ReserveSeatHandler extends PrimedHttpFunction {
  private final ReserveSeat reserveSeat;

  public ReserveSeatHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public ReserveSeatHandler(AppComponent app) {
    // A valid body with an unknown token: the body's binding, the gate's read, then 401.
    super(app, Priming.request("POST", "/reservations")
        .body("{\"concertId\":\"" + Priming.CONCERT + "\",\"scheduleId\":\"" + Priming.CONCERT + "\",\"seatNos\":[1,2]}"));
    this.reserveSeat = app.reserveSeat();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    ReserveSeat.Result result = reserveSeat.reserve(request.userId(), request.body(ReserveRequest.class),
        request.queueToken());
    return responses.json(result instanceof ReserveSeat.Result.Created ? 201 : 200, result.reservation());
  }
}
