package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class QueueJoinConcurrencyTest {
  private static final String CONCERT = "winter-gala";

  private static TestComponent seededApp(TestTable table, MutableClock clock) {
    TestComponent app = TestApp.on(table, clock);
    app.catalogSeeder().seed(DemoCatalog.create(clock));
    return app;
  }

  @Test
  void a_thousand_users_joining_at_once_get_distinct_tokens_at_positions_1_to_1000(TestTable table) throws Exception {
    TestComponent app = seededApp(table, MutableClock.at("2026-11-25T00:00:00Z"));

    List<JoinQueue.Result> results = Concurrently.run(1000, 64, i -> app.joinQueue().join("user-" + i, CONCERT));

    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(JoinQueue.Result.Created.class));
    Set<String> tokens = results.stream().map(r -> r.view().token()).collect(Collectors.toSet());
    assertThat(tokens).hasSize(1000);
    List<Long> positions = results.stream().map(r -> r.view().position()).sorted().toList();
    assertThat(positions).isEqualTo(LongStream.rangeClosed(1, 1000).boxed().toList());
    assertThat(app.admissionStore().counters(CONCERT).issued()).isEqualTo(1000);
  }

  @Test
  void fifty_requests_of_one_user_at_once_yield_one_token(TestTable table) throws Exception {
    TestComponent app = seededApp(table, MutableClock.at("2026-11-25T00:00:00Z"));

    List<JoinQueue.Result> results = Concurrently.run(50, 50, i -> app.joinQueue().join("only-user", CONCERT));

    assertThat(results.stream().map(r -> r.view().token()).distinct()).hasSize(1);
    assertThat(results.stream().filter(r -> r instanceof JoinQueue.Result.Created)).hasSize(1);
    // The numbers the losing requests took are gaps: a later user is still behind only-user.
    QueueView next = app.joinQueue().join("next-user", CONCERT).view();
    QueueView first = app.queueStatus().status("only-user", java.util.Optional.of(results.get(0).view().token()));
    assertThat(next.position()).isGreaterThan(first.position());
    assertThat(next.position()).isEqualTo(app.admissionStore().counters(CONCERT).issued());
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

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.joinQueue().join("alice", "no-such-concert"))
        .isInstanceOfSatisfying(dev.ticketing.domain.Refused.class,
            e -> assertThat(e.refusal()).isEqualTo(dev.ticketing.domain.Refusal.CONCERT_NOT_FOUND));
  }
}
