package dev.ticketing.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a drawn token finds its place without a write to it: the frozen draw's id and size, and
 * the first {@link #DIGITS} hex DIGITS of each chunk's first hmac, concatenated in chunk order
 * ({@code firsts}). It travels in the queue's shared state, a few bytes per chunk of 1,000; a poll
 * picks its chunk here and reads its position from that chunk, which never changes.
 */
public record DrawIndex(String drawId, long count, String firsts) {
  /** Hex DIGITS kept of each chunk's first hmac: 32 bits, 8 bytes a chunk (800 bytes for a draw of 100,000). */
  public static final int DIGITS = 8;
  /** Entries per chunk of a draw's stored order. */
  public static final int CHUNK = 1000;

  public DrawIndex {
    if (firsts.length() % DIGITS != 0) {
      throw new IllegalArgumentException("chunk firsts of " + DIGITS + " DIGITS each");
    }
  }

  /** The prefix of {@code hmac} this index compares. */
  public static String prefix(String hmac) {
    return hmac.substring(0, Math.min(DIGITS, hmac.length()));
  }

  public int chunks() {
    return firsts.length() / DIGITS;
  }

  /**
   * The chunks that may hold an entry whose hmac is {@code hmac}, most likely first: the last
   * chunk whose first hmac does not come after it, and, while that chunk's first shares the
   * entry's prefix, the ones before it (an entry of an equal prefix may end the chunk before).
   */
  public List<Integer> candidates(String hmac) {
    String prefix = prefix(hmac);
    List<Integer> chunks = new ArrayList<>();
    int last = -1;
    for (int chunk = 0; chunk < chunks(); chunk++) {
      if (first(chunk).compareTo(prefix) <= 0) {
        last = chunk;
      } else {
        break;
      }
    }
    for (int chunk = last; chunk >= 0; chunk--) {
      chunks.add(chunk);
      if (first(chunk).compareTo(prefix) < 0) {
        break;
      }
    }
    return chunks;
  }

  private String first(int chunk) {
    return firsts.substring(chunk * DIGITS, (chunk + 1) * DIGITS);
  }
}
