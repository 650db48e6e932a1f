package dev.ticketing.queue.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.sale.SaleState;
import dev.ticketing.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.queue.QueueTokenId;

/**
 * docs/api.md's {@code preQueue}: whether this token waits for the draw, said by the token (stored in
 * the pre-queue, not placed yet), never by the queue's shared state, which may still say
 * UPCOMING a moment after the opening.
 */
class QueueViewsTest {
  private static final String CONCERT = "c-1";
  private static final Instant OPENING = Instant.parse("2026-12-01T03:00:00Z");

  private static final long SECOND = OPENING.getEpochSecond() + 2;
  /** The second's range: 10 places handed out before it; shard 0 counted 3 numbers, shard 1 counted 4. */
  private static final ArrivalRange RANGE = ArrivalRange.of(SECOND, 10, new long[] {3, 4});

  /** No draw is named in these states: its places are not asked for. */
  private static final DrawPlaces NO_DRAW = new DrawPlaces(null, null);

  private int rangeReads;
  private final QueueViews views = new QueueViews(new PollPacing(new SplittableRandom(7)),
      new ArrivalPlaces((concertId, bucket, part) -> {
        rangeReads++;
        return bucket == SECOND && part == 0 ? Optional.of(RANGE) : Optional.empty();
      }), NO_DRAW, Settings.fromEnvironment(Map.of()));

  @Test
  void an_arrival_is_placed_by_its_seconds_range_once_the_shared_state_names_that_second() {
    QueueToken token = QueueToken.joined(QueueTokenId.generate(CONCERT, "u-1"), QueueToken.newReceiptId(), "u-1",
        Instant.ofEpochSecond(SECOND), Optional.of(new ArrivalNumber(SECOND, 1, 2)));

    assertThat(views.of(token, open(SECOND - 1, 0), OPENING.plusSeconds(4)).position())
        .as("its second not counted yet").isNull();
    assertThat(rangeReads).as("no read for a second not counted").isZero();
    assertThat(views.of(token, open(SECOND, 0), OPENING.plusSeconds(5)).position())
        .as("10 before the second, shard 0's 3, then its own number 2").isEqualTo(15);
    assertThat(views.of(token, open(SECOND, 6), OPENING.plusSeconds(6)).position()).as("6 admitted").isEqualTo(9);
    assertThat(rangeReads).as("a range never changes: read once per instance").isEqualTo(1);
    rangeReads = 0;

    QueueToken late = QueueToken.joined(QueueTokenId.generate(CONCERT, "u-2"), QueueToken.newReceiptId(), "u-2",
        Instant.ofEpochSecond(SECOND), Optional.of(new ArrivalNumber(SECOND, 1, 5)));
    assertThat(views.of(late, open(SECOND, 0), OPENING.plusSeconds(6)).position())
        .as("a number the second's part does not hold has no place until a later part holds it").isNull();
    assertThat(rangeReads).as("the next part, looked for").isEqualTo(1);
  }

  @Test
  void a_state_that_carries_the_second_places_its_arrivals_with_no_read_of_a_part() {
    QueueToken token = QueueToken.joined(QueueTokenId.generate(CONCERT, "u-1"), QueueToken.newReceiptId(), "u-1",
        Instant.ofEpochSecond(SECOND), Optional.of(new ArrivalNumber(SECOND, 1, 2)));
    QueueToken late = QueueToken.joined(QueueTokenId.generate(CONCERT, "u-2"), QueueToken.newReceiptId(), "u-2",
        Instant.ofEpochSecond(SECOND), Optional.of(new ArrivalNumber(SECOND, 1, 5)));
    QueueState carrying = open(SECOND, 0).withRecentParts(java.util.List.of(RANGE));

    assertThat(views.of(token, carrying, OPENING.plusSeconds(5)).position()).as("as from the part's item").isEqualTo(15);
    assertThat(views.of(late, carrying, OPENING.plusSeconds(5)).position())
        .as("the carried second's parts are all the state knows: not placed yet").isNull();
    assertThat(rangeReads).as("no part read, and none looked for").isZero();

    assertThat(views.of(token, open(SECOND, 0), OPENING.plusSeconds(6)).position())
        .as("a later state that no longer carries it: the part this instance kept").isEqualTo(15);
    assertThat(rangeReads).isZero();
  }

  private static QueueState open(long rangedThrough, long admittedThrough) {
    return new QueueState(CONCERT, 3, SaleState.OPEN, Optional.of(OPENING), admittedThrough, 17, Optional.of(rangedThrough),
        new java.util.TreeMap<>(), 0, 100, Optional.empty(), Optional.empty(), OPENING, Optional.empty(), 0);
  }

  @Test
  void a_token_that_joined_before_the_opening_is_in_the_pre_queue_until_placed() {
    QueueToken early = joined(OPENING.minusSeconds(30), true);
    assertThat(views.of(early, upcoming(), OPENING.minusSeconds(29)).preQueue()).isTrue();
    assertThat(views.of(early, upcoming(), OPENING.plusMillis(200)).preQueue()).as("the state a round old").isTrue();

    QueueToken placed = new QueueToken(early.token(), early.receiptId(), early.userId(), CONCERT,
        QueueToken.StoredStatus.WAITING, early.joinedAt(), Optional.of(4L), false, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
    QueueView view = views.of(placed, upcoming(), OPENING.plusSeconds(5));
    assertThat(view.position()).isEqualTo(4);
    assertThat(view.preQueue()).isFalse();
  }

  @Test
  void a_join_just_after_the_opening_is_not_in_the_pre_queue_though_the_state_still_says_upcoming() {
    QueueView late = views.of(joined(OPENING.plusMillis(100), false), upcoming(), OPENING.plusMillis(200));
    assertThat(late.saleState()).isEqualTo(SaleState.UPCOMING);
    assertThat(late.position()).isNull();
    assertThat(late.preQueue()).isFalse();
  }

  @Test
  void an_active_or_ended_turn_is_in_no_pre_queue() {
    QueueToken early = joined(OPENING.minusSeconds(30), true);
    QueueToken active = new QueueToken(early.token(), early.receiptId(), early.userId(), CONCERT,
        QueueToken.StoredStatus.ACTIVE, early.joinedAt(), Optional.of(1L), false, Optional.empty(), Optional.of(OPENING.plusSeconds(4)),
        Optional.of(OPENING.plusSeconds(604)), Optional.empty());
    assertThat(views.of(active, upcoming(), OPENING.plusSeconds(5)).preQueue()).isFalse();

    // Closed before the opening: the token is CLOSED, and so out of the draw's reach.
    QueueState closed = new QueueState(CONCERT, 2, SaleState.CLOSED, Optional.of(OPENING), 0, 0, Optional.empty(), new java.util.TreeMap<>(), 0, 100, Optional.empty(),
        Optional.of(OPENING.minusSeconds(10)), OPENING.minusSeconds(10), Optional.empty(), 0);
    QueueView view = views.of(early, closed, OPENING.minusSeconds(5));
    assertThat(view.status()).isEqualTo(QueueToken.Status.CLOSED);
    assertThat(view.preQueue()).isFalse();
  }

  private static QueueToken joined(Instant at, boolean inPreQueue) {
    return QueueToken.joined(QueueTokenId.generate(CONCERT, "u-1"), QueueToken.newReceiptId(), "u-1", at,
        inPreQueue ? Optional.empty() : Optional.of(new ArrivalNumber(at.getEpochSecond(), 0, 1)));
  }

  private static QueueState upcoming() {
    return QueueState.beforeFirstRound(CONCERT, SaleState.UPCOMING, Optional.of(OPENING), 100, OPENING.minus(Duration.ofMinutes(1)));
  }
}
