package dev.ticketing.functions.catalog;

import dev.ticketing.catalog.Concert;
import dev.ticketing.catalog.ListConcerts;
import dev.ticketing.domain.Ids;
import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.paging.Cursors;
import dev.ticketing.paging.Page;
import dev.ticketing.wiring.AppComponent;
import java.util.List;

/** {@code GET /concerts}: the public catalogue, paged. */
public final class ListConcertsHandler extends PrimedHttpFunction {
  private final ListConcerts listConcerts;

  public ListConcertsHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public ListConcertsHandler(AppComponent app) {
    // The first page of the catalogue.
    super(app, Priming.request("GET", "/concerts"));
    this.listConcerts = app.listConcerts();
  }

  record ConcertsResponse(List<Concert> concerts, String nextCursor) {}

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    Page<Concert> page = listConcerts.list(request.page(Ids::isValid));
    return responses.publicJson(200, new ConcertsResponse(page.items(), page.continueAfter().map(Cursors::encode).orElse(null)),
        ListConcerts.MAX_AGE);
  }
}
