package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.ticketing.testing.SmallCatalog;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ticketing.queue.join.JoinQueue;

@ExtendWith(DynamoDbExtension.class)
class QueueJoinConcurrencyTest {
  private static final String CONCERT = "winter-gala";

  private static TestComponent seededApp(TestTable table, MutableClock clock) {
    TestComponent app = TestApp.on(table, clock);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    return app;
  }

  @Test
  void a_thousand_users_joining_at_once_get_distinct_tokens_and_then_places_1_to_1000(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = seededApp(table, clock);

    List<JoinQueue.Result> results = Concurrently.run(1000, 64, i -> app.joinQueue().join("user-" + i, CONCERT));

    assertThat(results).allSatisfy(r -> {
      assertThat(r).isInstanceOf(JoinQueue.Result.Created.class);
      assertThat(r.view().position()).as("no place yet").isNull();
    });
    Set<String> tokens = results.stream().map(r -> r.view().token()).collect(Collectors.toSet());
    assertThat(tokens).hasSize(1000);

    clock.advance(Duration.ofSeconds(1));  // their second is over
    assertThat(app.queueRound().run(CONCERT).placed()).isEqualTo(1000);
    clock.advance(Duration.ofSeconds(1));
    List<Long> positions = Concurrently.run(1000, 16, i -> app.queueStatus().status("user-" + i,
        QueueTokenId.parse(results.get(i).view().token())).position()).stream().sorted().toList();
    // The first QUEUE_MAX_ACTIVE (100) were admitted: position 0; the rest stand at 1..900.
    assertThat(positions.subList(100, 1000)).isEqualTo(LongStream.rangeClosed(1, 900).boxed().toList());
    assertThat(app.admissionStore().counters(CONCERT).placedThrough()).isEqualTo(1000);
  }

  @Test
  void fifty_requests_of_one_user_at_once_yield_one_token_and_one_place(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = seededApp(table, clock);

    List<JoinQueue.Result> results = Concurrently.run(50, 50, i -> app.joinQueue().join("only-user", CONCERT));

    assertThat(results.stream().map(r -> r.view().token()).distinct()).hasSize(1);
    assertThat(results.stream().filter(r -> r instanceof JoinQueue.Result.Created)).hasSize(1);
    clock.advance(Duration.ofSeconds(3));
    String next = app.joinQueue().join("next-user", CONCERT).view().token();
    clock.advance(Duration.ofSeconds(1));  // next's second is over
    app.queueRound().run(CONCERT);
    // Repeats that raced the winner may have taken numbers before losing: gaps, passed over once
    // their joins' deadline is past, never holding a slot.
    clock.advance(ArrivalNumber.STORED_WITHIN.plusSeconds(1));
    app.queueRound().run(CONCERT);
    QueueToken only = app.gateStore().token(QueueTokenId.parse(results.get(0).view().token()).orElseThrow()).orElseThrow();
    QueueToken nextToken = app.gateStore().token(QueueTokenId.parse(next).orElseThrow()).orElseThrow();
    assertThat(only.status()).isEqualTo(QueueToken.StoredStatus.ACTIVE);
    assertThat(nextToken.status()).isEqualTo(QueueToken.StoredStatus.ACTIVE);
    assertThat(nextToken.place().orElseThrow()).as("behind the one token").isGreaterThan(only.place().orElseThrow());
    QueueCounters counters = app.admissionStore().counters(CONCERT);
    assertThat(counters.holdingSlots()).as("repeats hold no slot").isEqualTo(2);
    assertThat(counters.placedThrough() - 2).as("numbers the repeats took and lost").isEqualTo(counters.ended());
  }

  @Test
  void joining_again_returns_the_live_token_and_an_unknown_concert_is_404(TestTable table) {
    TestComponent app = seededApp(table, MutableClock.at("2026-11-25T00:00:00Z"));
    JoinQueue.Result first = app.joinQueue().join("alice", CONCERT);
    JoinQueue.Result again = app.joinQueue().join("alice", CONCERT);
    assertThat(first).isInstanceOf(JoinQueue.Result.Created.class);
    assertThat(again).isInstanceOf(JoinQueue.Result.Existing.class);
    assertThat(again.view()).isEqualTo(first.view());
    assertThat(first.view().token()).hasSizeGreaterThanOrEqualTo(CONCERT.length() + 1 + 32);
    assertThat(first.view().receiptId()).hasSize(22).isNotEqualTo(first.view().token());

    assertThatThrownBy(() -> app.joinQueue().join("alice", "no-such-concert"))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.CONCERT_NOT_FOUND));
  }
}
