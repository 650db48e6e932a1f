package dev.ticketing.functions.queue;

import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.queue.QueueStatus;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /queue/status}: where the caller's {@code X-Queue-Token} stands; one storage request. */
public final class QueueStatusHandler extends HttpFunction {
  private final QueueStatus queueStatus;

  public QueueStatusHandler() {
    this(AppComponent.fromEnvironment());
  }

  public QueueStatusHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.queueStatus = app.queueStatus();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, queueStatus.status(request.userId(), request.header("x-queue-token")));
  }
}
