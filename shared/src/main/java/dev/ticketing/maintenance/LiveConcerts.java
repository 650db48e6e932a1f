package dev.ticketing.maintenance;

import dev.ticketing.catalog.ConcertCatalog;
import dev.ticketing.catalog.ConcertLastDate;
import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;

/**
 * The concerts a maintenance round works on: each until a while after its last date starts. From
 * that start its sale is CLOSED (no date is left to book) and little is left to do: the first round
 * after it records the close, publishes it and ends the sessions; the holds made before it run out
 * within a hold's time and are released. After that a round would read the concert's seats every
 * two seconds for nothing, forever.
 */
public final class LiveConcerts {
  /**
   * How long a concert keeps its rounds after its last holds have run out: room for rounds that
   * fail meanwhile (storage throttled, the function failing) to finish its wind-down.
   */
  static final Duration SPARE = Duration.ofHours(1);

  private final ConcertCatalog catalog;
  private final Clock clock;
  private final Settings settings;

  @Inject
  public LiveConcerts(ConcertCatalog catalog, Clock clock, Settings settings) {
    this.catalog = catalog;
    this.clock = clock;
    this.settings = settings;
  }

  /** The ids of the concerts that need rounds now, in the catalogue's order. */
  public List<String> ids() {
    Instant now = Instants.now(clock);
    return catalog.lastDates().stream().filter(concert -> isLive(concert, now)).map(ConcertLastDate::concertId).toList();
  }

  /**
   * Whether {@code concert} needs rounds at {@code now}. A concert whose item does not say when its
   * last date starts (seeded before items said so) keeps them: nothing tells that it is over.
   */
  boolean isLive(ConcertLastDate concert, Instant now) {
    return concert.startsAt().map(last -> now.isBefore(last.plus(settings.holdTtl()).plus(SPARE))).orElse(true);
  }
}
