package dev.ticketing.queue.dynamo;

import dev.ticketing.queue.ArrivalRange;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parts of a second's range, and the shards' ends of open seconds, as compact bytes (a Binary
 * attribute) instead of lists of numbers. A list of K numbers is its mean, then each number's
 * difference from it (zigzag: small either way), all packed in as many bits as the largest needs:
 * joins pick their shard at random, so a second's counts stay near their mean, within a few
 * bits, where a list of Number attributes takes three or four bytes per shard. A part of K = 400
 * shards at 10,000 joins a second is then about 250 bytes, and several fit in a replica of the
 * shared state (docs/data-model.md, "Queue").
 *
 * <p>A part: its second, number and base, its shard count, how its starts are given (all zero for a
 * second's first part; the previous part's ends when that part came just before it in the same
 * bytes; else listed), then each shard's count of numbers, {@code to - from}.
 */
final class RangeCodec {
  private static final int FROM_ZERO = 0;
  private static final int FROM_PREVIOUS = 1;
  private static final int FROM_LISTED = 2;

  private RangeCodec() {}

  /** One part, on its own (an item). */
  static byte[] encode(ArrivalRange range) {
    return encodeAll(List.of(range));
  }

  static ArrivalRange decode(byte[] bytes) {
    List<ArrivalRange> ranges = decodeAll(bytes);
    if (ranges.size() != 1) {
      throw new IllegalArgumentException("one part expected, found " + ranges.size());
    }
    return ranges.get(0);
  }

  /** Parts in the given order; a part that follows its second's previous part gives its starts as that part's ends. */
  static byte[] encodeAll(List<ArrivalRange> ranges) {
    Out out = new Out();
    out.varint(ranges.size());
    ArrivalRange previous = null;
    for (ArrivalRange range : ranges) {
      out.varint(range.bucket());
      out.varint(range.part());
      out.varint(range.base());
      out.varint(range.shards());
      if (range.from().stream().allMatch(from -> from == 0)) {
        out.varint(FROM_ZERO);
      } else if (previous != null && previous.bucket() == range.bucket() && previous.part() == range.part() - 1
          && previous.to().equals(range.from())) {
        out.varint(FROM_PREVIOUS);
      } else {
        out.varint(FROM_LISTED);
        out.longs(range.from());
      }
      List<Long> counts = new ArrayList<>(range.shards());
      for (int shard = 0; shard < range.shards(); shard++) {
        counts.add(range.to().get(shard) - range.from().get(shard));
      }
      out.longs(counts);
      previous = range;
    }
    return out.bytes();
  }

  static List<ArrivalRange> decodeAll(byte[] bytes) {
    In in = new In(bytes);
    int size = (int) in.varint();
    List<ArrivalRange> ranges = new ArrayList<>(size);
    ArrivalRange previous = null;
    for (int i = 0; i < size; i++) {
      long bucket = in.varint();
      int part = (int) in.varint();
      long base = in.varint();
      int shards = (int) in.varint();
      int fromKind = (int) in.varint();
      List<Long> from = switch (fromKind) {
        case FROM_ZERO -> Collections.nCopies(shards, 0L);
        case FROM_PREVIOUS -> {
          if (previous == null || previous.bucket() != bucket || previous.part() != part - 1) {
            throw new IllegalArgumentException("a part's starts refer to a part not before it");
          }
          yield previous.to();
        }
        case FROM_LISTED -> in.longs(shards);
        default -> throw new IllegalArgumentException("unknown kind of starts " + fromKind);
      };
      List<Long> counts = in.longs(shards);
      List<Long> to = new ArrayList<>(shards);
      for (int shard = 0; shard < shards; shard++) {
        to.add(from.get(shard) + counts.get(shard));
      }
      previous = new ArrivalRange(bucket, part, base, from, to);
      ranges.add(previous);
    }
    if (!in.done()) {
      throw new IllegalArgumentException("bytes left after the parts");
    }
    return ranges;
  }

  /** A list of numbers on its own (an open second's shard ends). */
  static byte[] encodeLongs(List<Long> values) {
    Out out = new Out();
    out.varint(values.size());
    out.longs(values);
    return out.bytes();
  }

  static List<Long> decodeLongs(byte[] bytes) {
    In in = new In(bytes);
    List<Long> values = in.longs((int) in.varint());
    if (!in.done()) {
      throw new IllegalArgumentException("bytes left after the numbers");
    }
    return values;
  }

  private static final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void varint(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("a negative number where none can be: " + value);
      }
      long v = value;
      while ((v & ~0x7FL) != 0) {
        bytes.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      bytes.write((int) v);
    }

    /** The mean, then each value's difference from it (zigzag), all in as many bits as the largest needs. */
    void longs(List<Long> values) {
      long sum = 0;
      for (long value : values) {
        sum += value;
      }
      long mean = values.isEmpty() ? 0 : Math.round((double) sum / values.size());
      long widest = 0;
      for (long value : values) {
        widest |= zigzagged(value - mean);
      }
      int width = 64 - Long.numberOfLeadingZeros(widest);
      varint(mean);
      varint(width);
      long buffer = 0;
      int buffered = 0;
      for (long value : values) {
        long bits = zigzagged(value - mean);
        for (int bit = 0; bit < width; bit++) {
          buffer |= ((bits >>> bit) & 1L) << buffered;
          if (++buffered == 8) {
            bytes.write((int) buffer);
            buffer = 0;
            buffered = 0;
          }
        }
      }
      if (buffered > 0) {
        bytes.write((int) buffer);
      }
    }

    private static long zigzagged(long value) {
      return (value << 1) ^ (value >> 63);
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  private static final class In {
    private final byte[] bytes;
    private int at;

    In(byte[] bytes) {
      this.bytes = bytes;
    }

    long varint() {
      long value = 0;
      int shift = 0;
      while (true) {
        if (at >= bytes.length || shift > 63) {
          throw new IllegalArgumentException("a number cut short");
        }
        int b = bytes[at++] & 0xFF;
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
        shift += 7;
      }
    }

    List<Long> longs(int size) {
      long mean = varint();
      int width = (int) varint();
      if (width > 64) {
        throw new IllegalArgumentException("a width of " + width + " bits");
      }
      List<Long> values = new ArrayList<>(size);
      int bitAt = 0;
      for (int i = 0; i < size; i++) {
        long bits = 0;
        for (int bit = 0; bit < width; bit++, bitAt++) {
          int index = at + bitAt / 8;
          if (index >= bytes.length) {
            throw new IllegalArgumentException("numbers cut short");
          }
          bits |= (long) ((bytes[index] >>> (bitAt % 8)) & 1) << bit;
        }
        values.add(mean + ((bits >>> 1) ^ -(bits & 1)));
      }
      at += (bitAt + 7) / 8;
      return values;
    }

    boolean done() {
      return at == bytes.length;
    }
  }
}
