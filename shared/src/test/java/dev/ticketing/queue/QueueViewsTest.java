package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.SaleState;
import dev.ticketing.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * API.md's {@code preQueue}: whether this token waits for the draw, said by the token (stored in
 * the pre-queue, not placed yet), never by the queue's shared state, which may still say
 * UPCOMING a moment after the opening.
 */
class QueueViewsTest {
  private static final String CONCERT = "c-1";
  private static final Instant OPENING = Instant.parse("2026-12-01T03:00:00Z");

  private final QueueViews views = new QueueViews(new PollPacing(new SplittableRandom(7)), Settings.fromEnvironment(Map.of()));

  @Test
  void a_token_that_joined_before_the_opening_is_in_the_pre_queue_until_placed() {
    QueueToken early = joined(OPENING.minusSeconds(30), true);
    assertThat(views.of(early, upcoming(), OPENING.minusSeconds(29)).preQueue()).isTrue();
    assertThat(views.of(early, upcoming(), OPENING.plusMillis(200)).preQueue()).as("the state a round old").isTrue();

    QueueToken placed = new QueueToken(early.token(), early.receiptId(), early.userId(), CONCERT,
        QueueToken.StoredStatus.WAITING, early.joinedAt(), Optional.of(4L), false, Optional.empty(), Optional.empty(),
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
        QueueToken.StoredStatus.ACTIVE, early.joinedAt(), Optional.of(1L), false, Optional.of(OPENING.plusSeconds(4)),
        Optional.of(OPENING.plusSeconds(604)), Optional.empty());
    assertThat(views.of(active, upcoming(), OPENING.plusSeconds(5)).preQueue()).isFalse();

    // Closed before the opening: the token is CLOSED, and so out of the draw's reach.
    QueueState closed = new QueueState(CONCERT, 2, SaleState.CLOSED, Optional.of(OPENING), 0, 0, 0, 100, Optional.empty(),
        Optional.of(OPENING.minusSeconds(10)), OPENING.minusSeconds(10));
    QueueView view = views.of(early, closed, OPENING.minusSeconds(5));
    assertThat(view.status()).isEqualTo(QueueToken.Status.CLOSED);
    assertThat(view.preQueue()).isFalse();
  }

  private static QueueToken joined(Instant at, boolean inPreQueue) {
    return QueueToken.joined(QueueTokenId.generate(CONCERT), QueueToken.newReceiptId(), "u-1", at, inPreQueue);
  }

  private static QueueState upcoming() {
    return QueueState.beforeFirstRound(CONCERT, SaleState.UPCOMING, Optional.of(OPENING), 100, OPENING.minus(Duration.ofMinutes(1)));
  }
}
