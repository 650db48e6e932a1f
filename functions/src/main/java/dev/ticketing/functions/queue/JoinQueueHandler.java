package dev.ticketing.functions.queue;

import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.queue.JoinQueue;
import dev.ticketing.wiring.AppComponent;

/** {@code POST /concerts/{concertId}/queue/tokens}: 201 with a new token, 200 with the caller's live one. */
public final class JoinQueueHandler extends HttpFunction {
  private final JoinQueue joinQueue;

  public JoinQueueHandler() {
    this(AppComponent.fromEnvironment());
  }

  public JoinQueueHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.joinQueue = app.joinQueue();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    JoinQueue.Result result = joinQueue.join(request.userId(), request.pathId("concertId"));
    int status = result instanceof JoinQueue.Result.Created ? 201 : 200;
    return responses.json(status, result.view());
  }
}
