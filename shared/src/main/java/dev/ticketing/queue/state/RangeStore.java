package dev.ticketing.queue.state;

import java.util.Optional;
import dev.ticketing.queue.ArrivalRange;

/** Where polls find a second's range of places: one read, of an item that never changes. */
public interface RangeStore {

  /** Part {@code part} of the range recorded for the second {@code bucket}, if there is one. */
  Optional<ArrivalRange> range(String concertId, long bucket, int part);
}
