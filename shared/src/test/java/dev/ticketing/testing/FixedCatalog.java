package dev.ticketing.testing;

import dev.ticketing.catalog.Concert;
import dev.ticketing.catalog.ConcertCatalog;
import dev.ticketing.catalog.ConcertLastDate;
import dev.ticketing.config.Settings;
import dev.ticketing.maintenance.LiveConcerts;
import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Concerts by id and last date alone: for the maintenance's orchestration, tested without storage. */
public record FixedCatalog(List<ConcertLastDate> lastDates) implements ConcertCatalog {

  /** Concerts whose last date is not recorded: always live. */
  public static FixedCatalog of(String... concertIds) {
    return new FixedCatalog(Arrays.stream(concertIds).map(id -> new ConcertLastDate(id, Optional.empty())).toList());
  }

  /** The live concerts of this catalogue, on {@code clock}, with the default settings. */
  public LiveConcerts live(Clock clock) {
    return new LiveConcerts(this, clock, Settings.fromEnvironment(Map.of()));
  }

  @Override
  public Page<Concert> list(PageRequest page) {
    throw new UnsupportedOperationException("only the concerts' last dates are known");
  }
}
