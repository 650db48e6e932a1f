package dev.ticketing.queue;

import java.util.Optional;

/** Where polls find a second's range of places: one read, of an item that never changes. */
public interface RangeStore {

  /** The range recorded for the second {@code bucket}, if that second had arrivals counted. */
  Optional<ArrivalRange> range(String concertId, long bucket);
}
