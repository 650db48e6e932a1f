package dev.ticketing.functions.queue;

import dev.ticketing.domain.Refused;
import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.paging.Cursors;
import dev.ticketing.sale.draw.ShowDraw;
import dev.ticketing.sale.draw.Draw;
import dev.ticketing.wiring.AppComponent;
import java.time.Duration;
import java.util.List;

/** {@code GET /concerts/{concertId}/queue/draw} (public): the pre-queue in the draw's order, once published. */
public final class ShowDrawHandler extends PrimedHttpFunction {
  /** The draw never changes once published. */
  private static final Duration MAX_AGE = Duration.ofMinutes(1);
  private final ShowDraw showDraw;

  public ShowDrawHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public ShowDrawHandler(AppComponent app) {
    // A concert that does not exist: the seed's read, then 404.
    super(app, Priming.request("GET", "/concerts/{concertId}/queue/draw").path("concertId", Priming.CONCERT));
    this.showDraw = app.showDraw();
  }

  /** The use case this function serves, with what it keeps: the local runtime's tests read how much. */
  public ShowDraw showDraw() {
    return showDraw;
  }

  record DrawResponse(String concertId, String drawSeed, List<Draw.Entry> entries, String nextCursor) {}

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    int limit = request.query("limit").map(ShowDrawHandler::limit).orElse(ShowDraw.DEFAULT_LIMIT);
    long from = request.query("cursor").map(cursor -> Cursors.decode(cursor, position -> position.matches("\\d{1,9}"))
        .map(Long::parseLong)
        .orElseThrow(() -> Refused.invalid("cursor", "is not a cursor this list returned"))).orElse(0L);
    ShowDraw.Page page = showDraw.page(request.pathId("concertId"), from, limit);
    return responses.publicJson(200, new DrawResponse(page.concertId(), page.drawSeed(), page.entries(),
        page.nextFrom().map(next -> Cursors.encode(Long.toString(next))).orElse(null)), MAX_AGE);
  }

  private static int limit(String raw) {
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException notANumber) {
      throw Refused.invalid("limit", "must be an integer from 1 to " + ShowDraw.MAX_LIMIT);
    }
  }
}
