package dev.ticketing.functions.queue;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.queue.state.QueueBoard;
import dev.ticketing.wiring.AppComponent;
import java.time.Duration;

/** {@code GET /concerts/{concertId}/queue} (public): the queue board, cacheable for a second. */
public final class QueueBoardHandler extends PrimedHttpFunction {
  private static final Duration MAX_AGE = Duration.ofSeconds(1);
  private final QueueBoard queueBoard;

  public QueueBoardHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public QueueBoardHandler(AppComponent app) {
    // A concert that does not exist: the queue state's reads, then 404.
    super(app, Priming.request("GET", "/concerts/{concertId}/queue").path("concertId", Priming.CONCERT));
    this.queueBoard = app.queueBoard();
  }

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    return responses.publicJson(200, queueBoard.show(request.pathId("concertId")), MAX_AGE);
  }
}
