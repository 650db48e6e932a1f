package dev.ticketing.sale.draw;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Chunks of draws kept by this instance (the published entries {@link ShowDraw} pages, the
 * receipts {@link DrawPlaces} finds places in): the least recently used go first, so that what it
 * holds never counts more than {@code maxBytes}, whatever is asked in whatever order. Bytes are
 * counted, not measured: each entry's strings at two bytes a character (as UTF-16; the JVM's
 * compact strings keep these ASCII ids in one, so this over-counts) plus the objects around them,
 * and each chunk its key's strings the same way plus {@link #CHUNK_OVERHEAD}.
 */
public final class ChunkCache<T> {
  /**
   * An entry's objects on a 64-bit JVM with compressed references: the record (24 bytes), two
   * Strings (24 each), their arrays' headers (16 each) and the list's slot (4), rounded up.
   */
  static final int ENTRY_OVERHEAD = 112;
  /** A receipt's objects: the String (24 bytes), its array's header (16) and the list's slot (4), rounded up. */
  static final int RECEIPT_OVERHEAD = 48;
  /** A chunk's own objects: its key, the map's node and the list's header and array, rounded up. */
  static final int CHUNK_OVERHEAD = 256;

  /** Chunk {@code index} of draw {@code drawId}, the one concert {@code concertId} published. */
  public record Key(String concertId, String drawId, long index) {}

  private record Held<T>(List<T> entries, long bytes) {}

  private final long maxBytes;
  private final ToLongFunction<T> entryBytes;
  /** In access order: the eldest is the least recently used. */
  private final LinkedHashMap<Key, Held<T>> chunks = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  private ChunkCache(long maxBytes, ToLongFunction<T> entryBytes) {
    this.maxBytes = maxBytes;
    this.entryBytes = entryBytes;
  }

  /** For the published draw's entries (receipt and hmac). */
  static ChunkCache<Draw.Entry> ofEntries(long maxBytes) {
    return new ChunkCache<>(maxBytes, ChunkCache::entryBytes);
  }

  /** For the draw's receipts alone. */
  public static ChunkCache<String> ofReceipts(long maxBytes) {
    return new ChunkCache<>(maxBytes, receipt -> RECEIPT_OVERHEAD + 2L * receipt.length());
  }

  public synchronized Optional<List<T>> get(Key key) {
    return Optional.ofNullable(chunks.get(key)).map(Held::entries);
  }

  /** Keeps chunk {@code key}, dropping the least recently used to make room; one larger than the bound is not kept. */
  public synchronized void put(Key key, List<T> entries) {
    long size = bytesOf(key, entries, entryBytes);
    if (size > maxBytes || chunks.containsKey(key)) {
      return;
    }
    Iterator<Held<T>> eldest = chunks.values().iterator();
    while (bytes + size > maxBytes) {
      bytes -= eldest.next().bytes();
      eldest.remove();
    }
    chunks.put(key, new Held<>(entries, size));
    bytes += size;
  }

  /** What the chunks kept count now: never more than the bound. */
  synchronized long bytes() {
    return bytes;
  }

  static long bytesOf(Key key, List<Draw.Entry> entries) {
    return bytesOf(key, entries, ChunkCache::entryBytes);
  }

  private static long entryBytes(Draw.Entry entry) {
    return ENTRY_OVERHEAD + 2L * (entry.receiptId().length() + entry.hmac().length());
  }

  private static <T> long bytesOf(Key key, List<T> entries, ToLongFunction<T> entryBytes) {
    long bytes = CHUNK_OVERHEAD + 2L * (key.concertId().length() + key.drawId().length());
    for (T entry : entries) {
      bytes += entryBytes.applyAsLong(entry);
    }
    return bytes;
  }
}
