package dev.ticketing.queue.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.queue.ArrivalRange;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The compact form of parts and shard ends: what is written reads back the same, and stays small. */
class RangeCodecTest {
  private static final long SECOND = 1_796_755_583L;

  @Test
  void a_part_reads_back_as_written_and_takes_a_few_bits_a_shard() {
    // A rush's second: 400 shards of about 25 numbers each, the second part of that second.
    SplittableRandom random = new SplittableRandom(3);
    long[] first = new long[400];
    long[] second = new long[400];
    for (int shard = 0; shard < 400; shard++) {
      first[shard] = 15 + random.nextInt(20);
      second[shard] = first[shard] + random.nextInt(6);
    }
    ArrivalRange part0 = ArrivalRange.of(SECOND, 12_345, first);
    ArrivalRange part1 = ArrivalRange.next(SECOND, 1, part0.last(), part0.to(), second);

    assertThat(RangeCodec.decode(RangeCodec.encode(part0))).isEqualTo(part0);
    assertThat(RangeCodec.decode(RangeCodec.encode(part1))).isEqualTo(part1);
    assertThat(RangeCodec.encode(part0).length).as("a second's first part: its starts are all zero, counts within 5 bits").isLessThan(270);
    assertThat(RangeCodec.encode(part1).length).as("a later part lists its starts").isLessThan(470);
    assertThat(RangeCodec.encodeAll(List.of(part0, part1)).length)
        .as("a part right after its second's previous one starts at that one's ends: not listed again").isLessThan(450);
    assertThat(RangeCodec.decodeAll(RangeCodec.encodeAll(List.of(part0, part1)))).containsExactly(part0, part1);
  }

  @Test
  void parts_of_several_seconds_and_large_numbers_read_back_as_written() {
    List<ArrivalRange> parts = new ArrayList<>();
    parts.add(ArrivalRange.of(SECOND, 0, new long[] {0, 0, 0}));
    parts.add(ArrivalRange.of(SECOND + 1, 0, new long[] {3, 0, 1}));
    parts.add(ArrivalRange.next(SECOND + 1, 1, 4, List.of(3L, 0L, 1L), new long[] {2, 9, 1}));  // an end read lower: kept
    parts.add(ArrivalRange.of(SECOND + 5, 4_000_000_000L, new long[] {1_000_000, 7, 250_000}));
    // Not right after its previous part: its starts are listed.
    parts.add(ArrivalRange.next(SECOND + 1, 2, 4_001_250_007L, List.of(3L, 9L, 1L), new long[] {5, 9, 2}));
    assertThat(RangeCodec.decodeAll(RangeCodec.encodeAll(parts))).isEqualTo(parts);
    assertThat(RangeCodec.decodeAll(RangeCodec.encodeAll(List.of()))).isEmpty();
  }

  @Test
  void shard_ends_read_back_as_written() {
    List<Long> ends = List.of(0L, 17L, 250L, 3L, 1_000_000_000L, 0L);
    assertThat(RangeCodec.decodeLongs(RangeCodec.encodeLongs(ends))).isEqualTo(ends);
    assertThat(RangeCodec.decodeLongs(RangeCodec.encodeLongs(List.of()))).isEmpty();
  }

  @Test
  void bytes_cut_short_or_with_more_after_them_are_refused() {
    byte[] part = RangeCodec.encode(ArrivalRange.of(SECOND, 7, new long[] {1, 2, 3}));
    assertThatThrownBy(() -> RangeCodec.decode(java.util.Arrays.copyOf(part, part.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RangeCodec.decode(java.util.Arrays.copyOf(part, part.length + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
