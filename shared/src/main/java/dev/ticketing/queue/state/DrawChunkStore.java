package dev.ticketing.queue.state;

import java.util.List;
import java.util.Optional;

/** Where polls find a drawn place: one read of a chunk of the draw's receipts, an item that never changes. */
public interface DrawChunkStore {

  /** The receipts of chunk {@code index} of draw {@code drawId} (chunk {@code c} holds places {@code c * DrawIndex#CHUNK + 1} on); empty past its end. */
  Optional<List<String>> chunk(String concertId, String drawId, long index);
}
