package dev.ticketing.functions.reservation;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.reservation.ReserveSeat;
import dev.ticketing.wiring.AppComponent;
import java.util.Map;

/** {@code POST /reservations} (gated): 201 with a new hold, 200 with the caller's existing hold of the seat. */
public final class ReserveSeatHandler extends HttpFunction implements Primed {
  private final ReserveSeat reserveSeat;
  private final Priming priming;

  public ReserveSeatHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public ReserveSeatHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.reserveSeat = app.reserveSeat();
    // An unknown token at the gate (401), then the hold's Query, transaction (refused) and seat read.
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.event(app.objectMapper(), "POST", "/reservations", "/reservations", Map.of(), Map.of(),
            "{\"concertId\":\"" + PrimingEvents.CONCERT + "\",\"scheduleId\":\"" + PrimingEvents.CONCERT + "\",\"seatNo\":1}")),
        () -> app.storagePriming().refusedUpdate("TOKEN#"), () -> app.storagePriming().query("CONCERT#"),
        () -> app.storagePriming().refusedTransaction("CONCERT#"), () -> app.storagePriming().getItem("CONCERT#"));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    String userId = request.userId();
    ReserveSeat.Result result = reserveSeat.reserve(userId, request.body(ReserveRequest.class), request.header("x-queue-token"));
    return responses.json(result instanceof ReserveSeat.Result.Created ? 201 : 200, result.reservation());
  }
}
