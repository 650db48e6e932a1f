package dev.ticketing.bench.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The wall-clock rush's order check: who counts as placed behind a later arrival. */
class WallClockRushTest {
  private static final long NONE = Long.MIN_VALUE;

  @Test
  void placesInArrivalOrderDisplaceNobody() {
    assertThat(WallClockRush.displaced(new long[] {1, 2, 3, 4}, new long[] {10, 11, 14, 20}, 3)).isZero();
  }

  @Test
  void aUserAheadOfOneWhoJoinedThreeSecondsEarlierIsDisplaced() {
    // The user of second 14 has place 1, ahead of the user of second 10 (place 2): one displaced.
    assertThat(WallClockRush.displaced(new long[] {2, 3, 1}, new long[] {10, 11, 14}, 3)).isEqualTo(1);
  }

  @Test
  void swapsWithinTheGapAreNotCounted() {
    // Seconds 10 and 12 are less than 3 s apart: their order is not promised.
    assertThat(WallClockRush.displaced(new long[] {2, 1}, new long[] {10, 12}, 3)).isZero();
  }

  @Test
  void anActiveUserAheadOfAnEarlierWaitingOneIsDisplaced() {
    // Place 0 is an ACTIVE user (at the head): after a waiting user of 5 s earlier, it jumped ahead.
    assertThat(WallClockRush.displaced(new long[] {3, 0}, new long[] {10, 15}, 3)).isEqualTo(1);
  }

  @Test
  void usersWithoutPlaceOrRecordedSecondAreLeftOut() {
    assertThat(WallClockRush.displaced(new long[] {NONE, 5, 1}, new long[] {1, NONE, 20}, 3)).isZero();
  }
}
