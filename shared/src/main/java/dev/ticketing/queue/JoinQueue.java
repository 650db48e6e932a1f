package dev.ticketing.queue;

import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case: join a concert's queue. A user has one live token per concert: a repeat (a retry
 * after a lost response, or many requests at once) gets the same token back; after it has
 * expired, joining again issues a new one at the back of the queue.
 */
public final class JoinQueue {
  /** A sequence number can be lost to a concurrent join or to admission; then try again. */
  private static final int ATTEMPTS = 4;

  public sealed interface Result permits Result.Created, Result.Existing {
    QueueView view();

    record Created(QueueView view) implements Result {}

    record Existing(QueueView view) implements Result {}
  }

  private final JoinStore store;
  private final Clock clock;
  private final Settings settings;

  @Inject
  public JoinQueue(JoinStore store, Clock clock, Settings settings) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  public Result join(String userId, String concertId) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      JoinStore.JoinContext context = store.joinContext(userId, concertId);
      if (!context.concertExists()) {
        throw new Refused(Refusal.CONCERT_NOT_FOUND, "no concert " + concertId);
      }
      Instant now = Instants.now(clock);
      Optional<QueueToken> latest = context.latestToken();
      if (latest.isPresent() && latest.get().statusAt(now, settings.admissionGrace()) != QueueToken.Status.EXPIRED) {
        // The token was just read; only its position needs the counters.
        return new Result.Existing(QueueViews.of(latest.get(), store.counters(concertId), now, settings.admissionGrace()));
      }
      QueueCounters counters = store.nextSequence(concertId);
      QueueToken token = new QueueToken(QueueTokenId.generate(concertId), userId, concertId, counters.issued(),
          QueueToken.StoredStatus.WAITING, now, Optional.empty(), Optional.empty(), Optional.empty());
      switch (store.insert(token, latest.map(QueueToken::token))) {
        case INSERTED -> {
          return new Result.Created(QueueViews.of(token, counters, now, settings.admissionGrace()));
        }
        case USER_HAS_NEWER_TOKEN -> {
          // A concurrent request of the same user won; its token is the answer, our number a gap.
          store.claimAbandoned(concertId, counters.issued());
        }
        case SEQUENCE_CLAIMED -> {
          // Admission reached our number before we stored it and marked it abandoned: take another.
        }
      }
    }
    throw new IllegalStateException("could not join the queue of " + concertId + " in " + ATTEMPTS + " attempts");
  }
}
