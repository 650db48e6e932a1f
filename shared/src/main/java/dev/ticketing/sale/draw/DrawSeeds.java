package dev.ticketing.sale.draw;

import dev.ticketing.sale.SaleTermsStore;
import dev.ticketing.domain.Instants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Each concert's draw seed, as this function instance knows it. The seed is fixed when the concert
 * is created and never changes, so it is read once per instance and kept: a pre-queue join orders
 * its token by the seed's HMAC of its receipt (docs/api.md, "Pre-queue and the draw"), and a poll
 * finds its drawn place the same way, without a read per request. A concert without a seed (made
 * before draws existed, or unknown) is asked again after {@link #ABSENT_KEPT}.
 */
@Singleton
public final class DrawSeeds {
  static final Duration ABSENT_KEPT = Duration.ofMinutes(1);
  /** Far more concerts than any deployment sells at once; a full cache starts over rather than grow. */
  private static final int MAX_ENTRIES = 10_000;

  private final SaleTermsStore terms;
  private final Clock clock;
  private final Map<String, DrawSeed> seeds = new ConcurrentHashMap<>();
  private final Map<String, Instant> absent = new ConcurrentHashMap<>();

  @Inject
  public DrawSeeds(SaleTermsStore terms, Clock clock) {
    this.terms = terms;
    this.clock = clock;
  }

  public Optional<DrawSeed> seed(String concertId) {
    DrawSeed known = seeds.get(concertId);
    if (known != null) {
      return Optional.of(known);
    }
    Instant now = Instants.now(clock);
    Instant missed = absent.get(concertId);
    if (missed != null && now.isBefore(missed.plus(ABSENT_KEPT))) {
      return Optional.empty();
    }
    if (seeds.size() >= MAX_ENTRIES || absent.size() >= MAX_ENTRIES) {
      seeds.clear();
      absent.clear();
    }
    Optional<DrawSeed> read = terms.seed(concertId);
    read.ifPresentOrElse(seed -> {
      seeds.put(concertId, seed);
      absent.remove(concertId);
    }, () -> absent.put(concertId, now));
    return read;
  }
}
