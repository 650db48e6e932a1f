package dev.ticketing.queue.state;

import dev.ticketing.sale.SaleState;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Instant;
import javax.inject.Inject;

/**
 * Use case (public): the queue board a sale page shows before anyone joins
 * ({@code GET /concerts/{concertId}/queue}). No storage request of its own: it shows this
 * instance's copy of the queue's shared state, at most a second old, which CDNs may cache for a
 * second more.
 */
public final class QueueBoard {
  private static final double SECONDS_PER_MINUTE = 60;

  /** The board as the API shows it; {@code admissionsPerMinute} is null until measured. */
  public record Board(String concertId, SaleState saleState, Instant saleOpensAt, long waiting, long activeUsers,
      int maxActive, Long admissionsPerMinute) {}

  private final QueueStateCache states;

  @Inject
  public QueueBoard(QueueStateCache states) {
    this.states = states;
  }

  public Board show(String concertId) {
    QueueState state = states.state(concertId)
        .orElseThrow(() -> new Refused(Refusal.CONCERT_NOT_FOUND, "no concert " + concertId));
    return new Board(concertId, state.saleState(), state.saleOpensAt().orElse(null), state.waiting(),
        state.activeUsers(), state.maxActive(),
        state.admissionsPerSecond().map(rate -> Math.round(rate * SECONDS_PER_MINUTE)).orElse(null));
  }
}
