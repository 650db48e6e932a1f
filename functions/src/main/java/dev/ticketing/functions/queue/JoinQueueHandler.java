package dev.ticketing.functions.queue;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.queue.JoinQueue;
import dev.ticketing.wiring.AppComponent;
import java.util.Map;

/** {@code POST /concerts/{concertId}/queue/tokens}: 201 with a new token, 200 with the caller's live one. */
public final class JoinQueueHandler extends HttpFunction implements Primed {
  private final JoinQueue joinQueue;
  private final Priming priming;

  public JoinQueueHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public JoinQueueHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.joinQueue = app.joinQueue();
    // An invalid concert id (400), then the join's reads and writes, each refused. The refused
    // transaction updates a QUEUE# key: the function's IAM policy lets it update nothing else.
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.event(app.objectMapper(), "POST", "/concerts/{concertId}/queue/tokens",
            "/concerts/~/queue/tokens", Map.of("concertId", "~"), Map.of(), null)),
        () -> app.storagePriming().batchGetItem("CONCERT#"), () -> app.storagePriming().refusedUpdate("QUEUE#"),
        () -> app.storagePriming().refusedTransaction("QUEUE#"));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    JoinQueue.Result result = joinQueue.join(request.userId(), request.pathId("concertId"));
    int status = result instanceof JoinQueue.Result.Created ? 201 : 200;
    return responses.json(status, result.view());
  }
}
