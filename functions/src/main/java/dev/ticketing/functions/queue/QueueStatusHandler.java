package dev.ticketing.functions.queue;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.queue.QueueStatus;
import dev.ticketing.wiring.AppComponent;
import java.util.Map;

/** {@code GET /queue/status}: where the caller's {@code X-Queue-Token} stands; one storage request. */
public final class QueueStatusHandler extends HttpFunction implements Primed {
  private final QueueStatus queueStatus;
  private final Priming priming;

  public QueueStatusHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public QueueStatusHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.queueStatus = app.queueStatus();
    // The status of an unknown token (one BatchGetItem, 401).
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.get(app.objectMapper(), "/queue/status", "/queue/status", Map.of())));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.json(200, queueStatus.status(request.userId(), request.header("x-queue-token")));
  }
}
