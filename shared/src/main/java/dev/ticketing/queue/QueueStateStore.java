package dev.ticketing.queue;

import java.util.Optional;

/**
 * Where the queue's shared state is published: the same state as several replicas, so that the
 * reads of thousands of function instances spread over several items.
 */
public interface QueueStateStore {

  /** One replica, chosen at random, read eventually consistently; empty before the first round. */
  Optional<QueueState> anyReplica(String concertId);

  /** Whether the concert exists: asked only until maintenance has published its first state. */
  boolean concertExists(String concertId);

  /** Writes every replica (the scheduled maintenance, after each round). */
  void publish(QueueState state);
}
