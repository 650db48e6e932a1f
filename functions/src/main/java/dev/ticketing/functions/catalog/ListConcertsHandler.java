package dev.ticketing.functions.catalog;

import dev.ticketing.catalog.Concert;
import dev.ticketing.catalog.ListConcerts;
import dev.ticketing.domain.Ids;
import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.paging.Cursors;
import dev.ticketing.paging.Page;
import dev.ticketing.wiring.AppComponent;
import java.util.List;
import java.util.Map;

/** {@code GET /concerts}: the public catalogue, paged. */
public final class ListConcertsHandler extends HttpFunction implements Primed {
  private final ListConcerts listConcerts;
  private final Priming priming;

  public ListConcertsHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public ListConcertsHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.listConcerts = app.listConcerts();
    // Reads the first page of the catalogue.
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.event(app.objectMapper(), "GET", "/concerts", "/concerts", Map.of(), Map.of(), null)));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  record ConcertsResponse(List<Concert> concerts, String nextCursor) {}

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    Page<Concert> page = listConcerts.list(request.page(Ids::isValid));
    return responses.json(200, new ConcertsResponse(page.items(), page.continueAfter().map(Cursors::encode).orElse(null)));
  }
}
