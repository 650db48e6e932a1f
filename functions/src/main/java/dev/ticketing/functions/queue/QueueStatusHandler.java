package dev.ticketing.functions.queue;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.queue.state.QueueStatus;
import dev.ticketing.wiring.AppComponent;

/** {@code GET /queue/status}: where the caller's {@code X-Queue-Token} stands; one storage request. */
public final class QueueStatusHandler extends PrimedHttpFunction {
  private final QueueStatus queueStatus;

  public QueueStatusHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public QueueStatusHandler(AppComponent app) {
    // An unknown token: its reads, then 401.
    super(app, Priming.request("GET", "/queue/status"));
    this.queueStatus = app.queueStatus();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, queueStatus.status(request.userId(), request.queueToken()));
  }
}
