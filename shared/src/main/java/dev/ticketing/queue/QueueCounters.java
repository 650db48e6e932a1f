package dev.ticketing.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * One concert's queue counters. Sequence numbers 1..{@code issued} were handed out in arrival
 * order; 1..{@code admitted} were admitted (the admission cursor); {@code ended} of those no
 * longer hold a slot (their session ended, or the number never became a token). So at most
 * {@code admitted - ended} users are ACTIVE: the bound admission keeps under QUEUE_MAX_ACTIVE.
 * Tokens 1..{@code activatedThrough} have been switched to ACTIVE after their admission.
 */
public record QueueCounters(
    String concertId,
    long issued,
    long admitted,
    long ended,
    long activatedThrough,
    Optional<Instant> lastAdmissionAt,
    Optional<Double> admissionsPerSecond) {

  public static QueueCounters empty(String concertId) {
    return new QueueCounters(concertId, 0, 0, 0, 0, Optional.empty(), Optional.empty());
  }

  /** Admitted users that may still hold a slot: an upper bound of the ACTIVE count. */
  public long holdingSlots() {
    return admitted - ended;
  }

  /** Waiting users ahead of {@code sequence}, plus one; may count users who left, never fewer. */
  public long positionOf(long sequence) {
    return Math.max(1, sequence - admitted);
  }
}
