package dev.ticketing.sale.draw;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret of a concert's pre-queue draw (docs/api.md, "Pre-queue and the draw"): 32 bytes from a
 * cryptographically secure generator, fixed when the concert is created. Its commitment, the
 * SHA-256 of the bytes, is public from then on; the seed itself only once the pre-queue is
 * closed, so nobody can compute the order before the last entry is in.
 */
public record DrawSeed(byte[] bytes) {
  public static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  public DrawSeed {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a draw seed is " + LENGTH + " bytes");
    }
    bytes = bytes.clone();
  }

  public static DrawSeed generate() {
    byte[] bytes = new byte[LENGTH];
    RANDOM.nextBytes(bytes);
    return new DrawSeed(bytes);
  }

  public static DrawSeed fromHex(String hex) {
    return new DrawSeed(HexFormat.of().parseHex(hex));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The seed as published once the draw is done: lowercase hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** What is published from the concert's creation: lowercase hex SHA-256 of the 32 bytes. */
  public String commitment() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DrawSeed seed && MessageDigest.isEqual(bytes, seed.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    // A secret until it is published: never let one reach a log through string concatenation.
    return "DrawSeed[***]";
  }

}
