package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;

/** How a stored token and its queue's counters look to the API. */
final class QueueViews {
  private QueueViews() {}

  static QueueView of(QueueToken token, QueueCounters counters, Instant now, Duration grace) {
    QueueToken.Status status = token.statusAt(now, grace);
    return switch (status) {
      case WAITING -> {
        long position = counters.positionOf(token.sequence());
        // From the admission rate measured while users were waiting; unknown until measured.
        Long wait = counters.admissionsPerSecond()
            .filter(rate -> rate > 0)
            .map(rate -> (long) Math.ceil(position / rate))
            .orElse(null);
        yield new QueueView(token.token().value(), token.concertId(), status, position, wait, null);
      }
      case ACTIVE -> new QueueView(token.token().value(), token.concertId(), status, 0, 0L, token.activeUntil().orElse(null));
      case EXPIRED -> new QueueView(token.token().value(), token.concertId(), status, 0, 0L, null);
    };
  }
}
