package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A drawn token's chunk, from the chunks' first hmacs as the shared state carries them (8 hex digits each). */
class DrawIndexTest {
  /** Chunks 0-3 start at 00000000, 40000000, 40000000 (a prefix shared across a boundary), c0000000. */
  private static final DrawIndex DRAW = new DrawIndex("d", 3_500, "00000000" + "40000000" + "40000000" + "c0000000");

  @Test
  void a_token_is_looked_for_in_the_last_chunk_not_starting_after_it() {
    assertThat(DRAW.candidates("3fffffff" + "f".repeat(56))).containsExactly(0);
    assertThat(DRAW.candidates("c0000001" + "0".repeat(56))).containsExactly(3);
    assertThat(DRAW.candidates("ffffffff" + "f".repeat(56))).containsExactly(3);
  }

  @Test
  void a_prefix_equal_to_chunk_firsts_is_also_looked_for_in_the_chunks_before_them() {
    // An entry whose prefix is 40000000 may end chunk 0, or lie in chunk 1 or 2.
    assertThat(DRAW.candidates("40000000" + "0".repeat(56))).containsExactly(2, 1, 0);
    assertThat(DRAW.candidates("40000001" + "0".repeat(56))).containsExactly(2);
  }

  @Test
  void an_empty_draw_has_no_chunk() {
    assertThat(new DrawIndex("d", 0, "").candidates("0".repeat(64))).isEmpty();
  }
}
