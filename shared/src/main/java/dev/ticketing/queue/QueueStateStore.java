package dev.ticketing.queue;

import java.util.Optional;

/**
 * Where requests read the queue's shared state: the same state in several replicas (written by
 * the scheduled maintenance, {@link AdmissionStore#publish}), so that the reads of thousands of
 * function instances spread over several items.
 */
public interface QueueStateStore {

  /** One replica, chosen at random, read eventually consistently; empty before the first round. */
  Optional<QueueState> anyReplica(String concertId);

  /** Whether the concert exists: asked only until maintenance has published its first state. */
  boolean concertExists(String concertId);
}
