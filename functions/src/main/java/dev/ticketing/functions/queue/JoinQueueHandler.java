package dev.ticketing.functions.queue;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.queue.join.JoinQueue;
import dev.ticketing.wiring.AppComponent;

/** {@code POST /concerts/{concertId}/queue/tokens}: 201 with a new token, 200 with the caller's live one. */
public final class JoinQueueHandler extends PrimedHttpFunction {
  private final JoinQueue joinQueue;

  public JoinQueueHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public JoinQueueHandler(AppComponent app) {
    // A concert that does not exist: the queue state's reads, then 404 before any write.
    super(app, Priming.request("POST", "/concerts/{concertId}/queue/tokens").path("concertId", Priming.CONCERT));
    this.joinQueue = app.joinQueue();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    JoinQueue.Result result = joinQueue.join(request.userId(), request.pathId("concertId"));
    return responses.json(result instanceof JoinQueue.Result.Created ? 201 : 200, result.view());
  }
}
