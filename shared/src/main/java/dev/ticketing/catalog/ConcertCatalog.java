package dev.ticketing.catalog;

import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import java.util.List;

/** Where concerts are kept. */
public interface ConcertCatalog {

  /** Concerts ordered by id; {@link Page#continueAfter()} is the last id when more follow. */
  Page<Concert> list(PageRequest page);

  /**
   * Every concert with the start of its last date, for scheduled work that runs per concert and
   * leaves out the concerts that are over.
   */
  List<ConcertLastDate> lastDates();
}
