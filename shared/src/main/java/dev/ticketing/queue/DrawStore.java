package dev.ticketing.queue;

import dev.ticketing.sale.Draw;
import java.util.List;
import java.util.Optional;

/** Where the public reads the draw: its seed once published, and its order, a part at a time. */
public interface DrawStore {

  /** A published draw: its seed (lowercase hex) and the id its order is stored under. */
  record Published(String seed, String drawId) {}

  /** The concert's published draw; empty before publication. Empty too for no such concert: see {@link #concertExists}. */
  Optional<Published> published(String concertId);

  boolean concertExists(String concertId);

  /** The entries at positions {@code from, from + 1, ...} of the draw (0 is the first), at most {@code count}. */
  List<Draw.Entry> entries(String concertId, String drawId, long from, int count);
}
