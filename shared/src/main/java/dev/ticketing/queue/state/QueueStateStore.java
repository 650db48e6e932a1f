package dev.ticketing.queue.state;

import java.time.Instant;
import java.util.Optional;

/**
 * Where requests read the queue's shared state: the same state in several replicas (written by
 * the scheduled maintenance, {@link AdmissionStore#publish}), so that the reads of thousands of
 * function instances spread over several items.
 */
public interface QueueStateStore {

  /** One replica, chosen at random, read eventually consistently; empty before the first round. */
  Optional<QueueState> anyReplica(String concertId);

  /**
   * When the concert's sale opens (empty inside: open since it was created), or empty if there is
   * no such concert: asked only until maintenance has published the concert's first state.
   */
  Optional<Optional<Instant>> concertOpening(String concertId);
}
