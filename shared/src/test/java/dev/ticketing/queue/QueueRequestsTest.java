package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.RequestCounter;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import dev.ticketing.queue.state.QueueView;

/**
 * What a join and a poll send to DynamoDB (docs/design.md, "Budgets" and "The queue at scale"): a join reads
 * and writes items of the caller and the token only, a poll reads the token only, however long
 * the queue, and the queue's shared state is read once a second per function instance.
 */
@ExtendWith(DynamoDbExtension.class)
class QueueRequestsTest {
  private static final String CONCERT = "winter-gala";

  /** The partition keys of every item each request touched, in order. */
  private static final class Keys implements ExecutionInterceptor {
    final List<String> touched = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof GetItemRequest get) {
        touched.add("GetItem " + get.key().get("pk").s());
      } else if (context.request() instanceof TransactWriteItemsRequest transaction) {
        List<String> keys = new ArrayList<>();
        transaction.transactItems().forEach(item -> {
          Map<String, AttributeValue> written = item.put() != null ? item.put().item()
              : item.update() != null ? item.update().key() : Map.of("pk", AttributeValue.fromS("?"));
          keys.add(written.get("pk").s());
        });
        touched.add("TransactWriteItems " + keys);
      } else if (context.request() instanceof PutItemRequest put) {
        touched.add("PutItem " + put.item().get("pk").s());
      } else if (context.request() instanceof UpdateItemRequest update) {
        touched.add("UpdateItem " + update.key().get("pk").s().replaceFirst("#\\d+$", "#<shard>"));
      } else {
        touched.add(context.request().getClass().getSimpleName());
      }
    }
  }

  @Test
  void a_poll_is_one_read_of_the_token_with_10_and_with_10000_waiting(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    RequestCounter counter = new RequestCounter();
    TestComponent app = TestApp.on(table.through(counter), clock, Map.of("QUEUE_MAX_ACTIVE", "1"));
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));

    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 10; i++) {  // one after another, so early-0 is placed first and early-9 stays waiting
      tokens.add(app.joinQueue().join("early-" + i, CONCERT).view().token());
      clock.advance(Duration.ofSeconds(1));  // a second apart: places keep their order
    }
    clock.advance(Duration.ofSeconds(1));  // their second is over
    app.queueRound().run(CONCERT);
    clock.advance(Duration.ofSeconds(2));
    app.queueStatus().status("early-9", QueueTokenId.parse(tokens.get(9)));  // this second's shared state, read once
    assertThat(requestsForOnePoll(app, counter, "early-9", tokens.get(9))).isEqualTo(Map.of("GetItem", 1));

    Concurrently.run(9_990, 32, i -> app.joinQueue().join("late-" + i, CONCERT));
    clock.advance(Duration.ofSeconds(1));
    app.queueRound().run(CONCERT);
    assertThat(app.admissionStore().counters(CONCERT).placedThrough()).isEqualTo(10_000);
    clock.advance(Duration.ofSeconds(2));
    app.queueStatus().status("early-9", QueueTokenId.parse(tokens.get(9)));
    assertThat(requestsForOnePoll(app, counter, "early-9", tokens.get(9))).isEqualTo(Map.of("GetItem", 1));
  }

  @Test
  void a_join_touches_only_the_callers_and_the_tokens_items(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Keys keys = new Keys();
    // As deployed: placement waits 3 s after a second ends, so no poll looks for a place before then.
    TestComponent app = TestApp.on(table.through(keys), clock, Map.of("QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    app.queueRound().run(CONCERT);
    app.joinQueue().join("warm-up", CONCERT);  // this second's shared state, read once

    keys.touched.clear();
    String token = app.joinQueue().join("ann", CONCERT).view().token();
    String annItem = "TOKEN#" + CONCERT + "#" + QueueTokenId.ownerHashOf("ann");
    assertThat(token).startsWith(CONCERT + "." + QueueTokenId.ownerHashOf("ann") + ".");
    assertThat(keys.touched).as("the caller's token item, one counter of arrivals, and no transaction").containsExactly(
        "GetItem " + annItem,
        "UpdateItem QNUM#" + CONCERT + "#<shard>",
        "PutItem " + annItem);

    keys.touched.clear();
    assertThat(app.joinQueue().join("ann", CONCERT).view().token()).isEqualTo(token);
    assertThat(keys.touched).as("a repeat reads the caller's token item, writes nothing")
        .containsExactly("GetItem " + annItem);
  }

  @Test
  void a_pre_queue_join_counts_itself_on_one_counter_of_its_partition_before_its_put(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Keys keys = new Keys();
    TestComponent app = TestApp.on(table.through(keys), clock);
    app.catalogSeeder().seed(SmallCatalog.opening(clock.instant().plus(Duration.ofMinutes(10))));
    String concert = SmallCatalog.PRE_QUEUE_CONCERT;
    app.queueRound().run(concert);
    app.joinQueue().join("warm-up", concert);  // the shared state and the draw's seed, read once

    keys.touched.clear();
    QueueView joined = app.joinQueue().join("ann", concert).view();
    assertThat(joined.preQueue()).isTrue();
    String annItem = "TOKEN#" + concert + "#" + QueueTokenId.ownerHashOf("ann");
    assertThat(keys.touched).as("the caller's token item, one counter of the pre-queue, and no transaction")
        .hasSize(3).startsWith("GetItem " + annItem).endsWith("PutItem " + annItem);
    assertThat(keys.touched.get(1)).matches("UpdateItem QPRE#" + concert + "#[0-9a-f]#<shard>");
  }

  @Test
  void one_instance_reads_the_shared_state_once_a_second_however_many_poll(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Keys keys = new Keys();
    TestComponent app = TestApp.on(table.through(keys), clock);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    List<String> tokens = Concurrently.run(200, 16, i -> app.joinQueue().join("fan-" + i, CONCERT).view().token());
    clock.advance(Duration.ofSeconds(1));
    app.queueRound().run(CONCERT);

    for (int second = 0; second < 3; second++) {
      clock.advance(Duration.ofMillis(1000));
      keys.touched.clear();
      Concurrently.run(1000, 32, i -> app.queueStatus().status("fan-" + (i % 200), QueueTokenId.parse(tokens.get(i % 200))));
      assertThat(keys.touched.stream().filter(k -> k.startsWith("GetItem QSTATE#"))).as("second %d", second).hasSize(1);
      assertThat(keys.touched.stream().filter(k -> k.startsWith("GetItem TOKEN#"))).hasSize(1000);
    }
  }

  @Test
  void a_poll_reads_eventually_consistently_and_rereads_consistently_before_calling_a_token_unknown(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    List<Boolean> consistentReads = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetItemRequest get && get.key().get("pk").s().startsWith("TOKEN#")) {
          consistentReads.add(Boolean.TRUE.equals(get.consistentRead()));
        }
      }
    };
    TestComponent app = TestApp.on(table.through(recorder), clock);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    String token = app.joinQueue().join("ann", CONCERT).view().token();

    consistentReads.clear();
    assertThat(app.queueStatus().status("ann", QueueTokenId.parse(token)).status()).isEqualTo(QueueToken.Status.WAITING);
    assertThat(consistentReads).containsExactly(false);

    consistentReads.clear();
    String unknown = CONCERT + "." + QueueTokenId.ownerHashOf("ann") + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertThatThrownBy(() -> app.queueStatus().status("ann", QueueTokenId.parse(unknown)))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.TOKEN_INVALID));
    assertThat(consistentReads).containsExactly(false, true);
  }

  private static Map<String, Integer> requestsForOnePoll(TestComponent app, RequestCounter counter, String user, String token) {
    counter.reset();
    QueueView view = app.queueStatus().status(user, QueueTokenId.parse(token));
    assertThat(view.status()).isEqualTo(QueueToken.Status.WAITING);
    return counter.byOperation();
  }
}
