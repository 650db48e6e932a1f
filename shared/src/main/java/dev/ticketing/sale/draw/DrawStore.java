package dev.ticketing.sale.draw;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the public reads the draw: its seed once published, and its order, a chunk at a time. The
 * order is stored in chunks of {@link #chunkSize()} entries, written once before the seed is
 * published and never changed, so a reader may keep what it read.
 */
public interface DrawStore {

  /** A published draw: its seed (lowercase hex) and the id its order is stored under. */
  record Published(String seed, String drawId) {}

  /** The concert's published draw; empty before publication. Empty too for no such concert: see {@link #concertExists}. */
  Optional<Published> published(String concertId);

  boolean concertExists(String concertId);

  /** Entries per chunk: chunk {@code c} holds positions {@code c * chunkSize()} on (0 is the first). */
  int chunkSize();

  /**
   * The receipts of chunks {@code indexes} of the draw, by index, read consistently in one go; a
   * chunk past the draw's end is left out. Only the last chunk of a draw holds fewer than
   * {@link #chunkSize()}. The chunks hold receipts alone: each hmac follows from the published seed.
   */
  Map<Long, List<String>> chunks(String concertId, String drawId, List<Long> indexes);
}
