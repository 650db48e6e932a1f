package dev.ticketing.sale.draw;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pre-queue's draw, exactly as docs/api.md publishes it, so that anyone can recompute it from the
 * published seed and receipts: each receipt's {@code hmac} is the lowercase hex HMAC-SHA256 keyed
 * with the 32 seed bytes over the UTF-8 bytes of the receipt id; the order is ascending hmac
 * (compared as bytes, which for lowercase hex of one length is the text's order), ties broken by
 * receipt id.
 */
public final class Draw {
  /** One pre-queue entry as published: its receipt and its hmac. */
  public record Entry(String receiptId, String hmac) {}

  public static final Comparator<Entry> ORDER = Comparator.comparing(Entry::hmac).thenComparing(Entry::receiptId);

  private Draw() {}

  /**
   * What names one draw's stored order: the first 16 hex digits of SHA-256 over its entries in
   * order. The same pre-queue drawn twice gives the same id; a pre-queue read with one more entry
   * gives another.
   */
  public static String id(List<Entry> ordered) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Entry entry : ordered) {
        digest.update((entry.receiptId() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static Entry entry(DrawSeed seed, String receiptId) {
    return hasher(seed).entry(receiptId);
  }

  public static String hmac(DrawSeed seed, String receiptId) {
    return hasher(seed).hmac(receiptId);
  }

  /** One keyed Mac for a whole draw: a new Mac per entry costs more than the entry's hash. Not thread-safe. */
  public static Hasher hasher(DrawSeed seed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(seed.bytes(), "HmacSHA256"));
      return new Hasher(mac);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  /** The draw's HMAC of each receipt, with one Mac (doFinal resets it for the next). */
  public static final class Hasher {
    private final Mac mac;

    private Hasher(Mac mac) {
      this.mac = mac;
    }

    public Entry entry(String receiptId) {
      return new Entry(receiptId, hmac(receiptId));
    }

    public String hmac(String receiptId) {
      return HexFormat.of().formatHex(mac.doFinal(receiptId.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
