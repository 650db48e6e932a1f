package dev.ticketing.catalog;

import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import javax.inject.Inject;

/** Use case: the public list of concerts, a page at a time. */
public final class ListConcerts {
  private final ConcertCatalog catalog;

  @Inject
  public ListConcerts(ConcertCatalog catalog) {
    this.catalog = catalog;
  }

  public Page<Concert> list(PageRequest page) {
    return catalog.list(page);
  }
}
