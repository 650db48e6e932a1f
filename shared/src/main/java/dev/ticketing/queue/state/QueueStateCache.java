package dev.ticketing.queue.state;

import dev.ticketing.sale.SaleState;
import dev.ticketing.domain.Instants;
import dev.ticketing.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The shared state of each concert's queue, kept in this function instance's memory for at most
 * {@link #MAX_AGE}. Thousands of instances poll during a rush; each reads a concert's state at
 * most once a second, from one of several replicas chosen at random, so no item's reads grow with
 * the number of waiting users (docs/design.md, "The queue at scale"). One read at a time per concert, so
 * concurrent requests in one instance (the local runtime) do not multiply the reads.
 *
 * <p>A concert that maintenance has not reached yet has no replica: then its catalogue item says
 * whether it exists, and that answer is kept just as long. An unknown concert is remembered as
 * unknown for the same second.
 */
@Singleton
public final class QueueStateCache {
  static final Duration MAX_AGE = Duration.ofSeconds(1);
  /** Far more concerts than any deployment sells at once; a full cache starts over rather than grow. */
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(Optional<QueueState> state, Instant readAt) {}

  private final QueueStateStore store;
  private final Clock clock;
  private final Settings settings;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, Object> loading = new ConcurrentHashMap<>();

  @Inject
  public QueueStateCache(QueueStateStore store, Clock clock, Settings settings) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  /** The concert's queue state, at most a second old; empty if there is no such concert. */
  public Optional<QueueState> state(String concertId) {
    Entry known = entries.get(concertId);
    if (isFresh(known)) {
      return known.state();
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
      loading.clear();
    }
    synchronized (loading.computeIfAbsent(concertId, id -> new Object())) {
      known = entries.get(concertId);
      if (isFresh(known)) {
        return known.state();
      }
      Optional<QueueState> state = load(concertId);
      entries.put(concertId, new Entry(state, Instants.now(clock)));
      return state;
    }
  }

  private boolean isFresh(Entry entry) {
    return entry != null && Instants.now(clock).isBefore(entry.readAt().plus(MAX_AGE));
  }

  private Optional<QueueState> load(String concertId) {
    Optional<QueueState> published = store.anyReplica(concertId);
    if (published.isPresent()) {
      return published;
    }
    Instant now = Instants.now(clock);
    return store.concertOpening(concertId).map(opening -> QueueState.beforeFirstRound(concertId,
        opening.filter(now::isBefore).isPresent() ? SaleState.UPCOMING : SaleState.OPEN, opening,
        settings.queueMaxActive(), now));
  }
}
