package dev.ticketing.catalog;

import dev.ticketing.domain.Instants;
import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Use case: the public list of concerts, a page at a time, from this instance's memory when it
 * read the same page less than {@link #MAX_AGE} ago. A sale's first seconds bring many page
 * loads, and without it every one would read the same index partition (docs/api.md, "Catalogue").
 */
@Singleton
public final class ListConcerts {
  public static final Duration MAX_AGE = Duration.ofSeconds(5);
  /** Pages worth keeping: the first pages at the few page sizes clients use. */
  private static final int MAX_PAGES = 256;

  private record Kept(Page<Concert> page, Instant readAt) {}

  private final ConcertCatalog catalog;
  private final Clock clock;
  private final Map<PageRequest, Kept> kept = new ConcurrentHashMap<>();

  @Inject
  public ListConcerts(ConcertCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  public Page<Concert> list(PageRequest page) {
    Instant now = Instants.now(clock);
    Kept known = kept.get(page);
    if (known != null && now.isBefore(known.readAt().plus(MAX_AGE))) {
      return known.page();
    }
    Page<Concert> read = catalog.list(page);
    if (kept.size() >= MAX_PAGES) {
      kept.clear();
    }
    kept.put(page, new Kept(read, now));
    return read;
  }
}
