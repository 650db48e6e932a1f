package dev.ticketing.queue.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.sale.SaleState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/api.md's rule for {@code pollAfterSeconds} before {@code saleOpensAt}, whatever the sale's state:
 * the seconds until the opening plus a uniform 0-10 s, capped at 60, so that the pre-queue's polls
 * spread over the sale's first seconds instead of all arriving at the opening. Drawn many times
 * from a fixed seed: every value of the range occurs, none outside it.
 */
class PollPacingTest {
  private static final Instant OPENING = Instant.parse("2026-12-01T03:00:00Z");
  private static final int DRAWS = 2_000;

  private final PollPacing pacing = new PollPacing(new SplittableRandom(13));

  @Test
  void before_the_opening_it_is_the_seconds_until_it_plus_zero_to_ten() {
    assertThat(values(OPENING.minusSeconds(20))).containsExactlyElementsOf(range(20, 30));
  }

  @Test
  void part_of_a_second_counts_as_a_whole_one_so_no_poll_comes_before_the_opening() {
    assertThat(values(OPENING.minusMillis(19_200))).containsExactlyElementsOf(range(20, 30));
    assertThat(values(OPENING.minusMillis(300))).containsExactlyElementsOf(range(1, 11));
  }

  @Test
  void it_is_capped_at_sixty_seconds() {
    assertThat(values(OPENING.minusSeconds(55))).containsExactlyElementsOf(range(55, 60));
    assertThat(values(OPENING.minus(Duration.ofDays(3)))).containsExactly(60);
  }

  @Test
  void once_the_clock_is_past_the_opening_a_state_still_saying_upcoming_gives_the_unplaced_rule() {
    assertThat(values(OPENING)).containsExactly(PollPacing.SOON);
    assertThat(values(OPENING.plusSeconds(1))).containsExactly(PollPacing.SOON);
  }

  /** Before: a pre-queue paused before its opening was told 2 s, 30 times as many polls as a minute ahead. */
  @ParameterizedTest
  @EnumSource(SaleState.class)
  void before_the_opening_the_clock_decides_whatever_the_sale_state(SaleState saleState) {
    assertThat(values(OPENING.minusSeconds(20), saleState)).containsExactlyElementsOf(range(20, 30));
    assertThat(values(OPENING.minusSeconds(55), saleState)).containsExactlyElementsOf(range(55, 60));
    assertThat(values(OPENING.minus(Duration.ofHours(1)), saleState)).containsExactly(60);
  }

  /** Every value the rule gave for a token without a place, asked at {@code now}, over many draws. */
  private TreeSet<Integer> values(Instant now) {
    return values(now, SaleState.UPCOMING);
  }

  private TreeSet<Integer> values(Instant now, SaleState saleState) {
    QueueState state = QueueState.beforeFirstRound("c-1", saleState, Optional.of(OPENING), 100, now);
    TreeSet<Integer> seen = new TreeSet<>();
    for (int i = 0; i < DRAWS; i++) {
      seen.add(pacing.pollAfterSeconds(null, null, state, now));
    }
    return seen;
  }

  private static TreeSet<Integer> range(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().collect(java.util.stream.Collectors.toCollection(TreeSet::new));
  }
}
