package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.queue.placement.PlaceArrivals;
import dev.ticketing.queue.placement.PlacementStore;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
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
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The late look after the opening (docs/data-model.md, "Pre-queue and draw"): it compares the
 * pre-queue's counters with what the draw settled and the look placed, partition by partition,
 * and reads only a partition whose counters count more: a token whose index entry came after the
 * draw read the index is still placed, once, behind the draw; without such a token no round reads
 * the index at all.
 */
@ExtendWith(DynamoDbExtension.class)
class PreQueueLateLookTest {
  private static final String CONCERT = SmallCatalog.PRE_QUEUE_CONCERT;
  private static final int EARLY = 6;
  /** Room for everyone: after the cut-off, admission has nobody drawn left to find in the index. */
  private static final int MAX_ACTIVE = 20;

  /** The pre-queue index partitions each round's Queries read, and, once armed, a step run before the draw's first chunk is written. */
  private static final class Requests implements ExecutionInterceptor {
    final List<String> preQueueQueries = new CopyOnWriteArrayList<>();
    volatile Runnable beforeDrawChunk;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof QueryRequest query && "gsi1".equals(query.indexName())) {
        for (AttributeValue value : query.expressionAttributeValues().values()) {
          if (value.s() != null && value.s().startsWith("PREQUEUE#")) {
            preQueueQueries.add(value.s());
          }
        }
      }
      Runnable step = beforeDrawChunk;
      if (step != null && context.request() instanceof PutItemRequest put && put.item().get("pk").s().startsWith("QDRAW#")) {
        beforeDrawChunk = null;
        step.run();
      }
    }

    List<String> drain() {
      List<String> seen = List.copyOf(preQueueQueries);
      preQueueQueries.clear();
      return seen;
    }
  }

  @Test
  void an_entry_the_draw_did_not_see_is_placed_by_a_look_that_reads_its_partition_only(TestTable table) {
    Requests requests = new Requests();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(10));
    TestComponent app = app(table.through(requests), clock, opening);
    for (int i = 0; i < EARLY; i++) {
      app.joinQueue().join("early-" + i, CONCERT);
    }

    // A join whose request arrived before the opening and whose entry reaches the index after the
    // draw read it: stored by another instance while the draw writes its chunks.
    MutableClock lateClock = MutableClock.at(opening.minusMillis(500).toString());
    TestComponent otherInstance = TestApp.on(table, lateClock, env());
    QueueView[] late = new QueueView[1];
    requests.beforeDrawChunk = () -> late[0] = otherInstance.joinQueue().join("late", CONCERT).view();
    clock.set(opening.plus(PlaceArrivals.PRE_QUEUE_CUT_OFF));
    app.queueRound().run(CONCERT);
    assertThat(late[0]).as("joined during the draw").isNotNull();
    QueueTokenId lateId = QueueTokenId.parse(late[0].token()).orElseThrow();
    assertThat(app.admissionStore().counters(CONCERT).drawnCount()).as("the draw did not see it").contains((long) EARLY);
    assertThat(app.gateStore().token(lateId).orElseThrow().inPreQueue()).isTrue();
    String latePartition = partitionOf(app, lateId);

    clock.advance(Duration.ofSeconds(2));
    app.queueRound().run(CONCERT);
    requests.drain();
    clock.set(opening.plus(Duration.ofSeconds(30)));  // the first late look
    app.queueRound().run(CONCERT);
    assertThat(requests.drain()).as("the look reads the one partition whose counters count more than were settled")
        .containsExactly(latePartition);

    for (int round = 0; round < 5; round++) {  // its second settles, then it is placed and admitted
      clock.advance(Duration.ofSeconds(2));
      app.queueRound().run(CONCERT);
    }
    QueueToken placed = app.gateStore().token(lateId).orElseThrow();
    assertThat(placed.place()).as("placed behind the draw, once").contains((long) EARLY + 1);
    assertThat(app.admissionStore().counters(CONCERT).placedThrough()).as("nobody placed twice").isEqualTo(EARLY + 1);

    requests.drain();
    clock.set(opening.plus(Duration.ofSeconds(60)));  // the next look: what it placed is counted
    app.queueRound().run(CONCERT);
    assertThat(requests.drain()).as("no index Query once the late entry is placed").isEmpty();
    assertThat(app.gateStore().token(lateId).orElseThrow().place()).contains((long) EARLY + 1);
  }

  @Test
  void rounds_after_the_opening_without_late_entries_query_no_index_partition(TestTable table) {
    Requests requests = new Requests();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(10));
    TestComponent app = app(table.through(requests), clock, opening);
    for (int i = 0; i < EARLY; i++) {
      app.joinQueue().join("early-" + i, CONCERT);
    }
    clock.set(opening.plus(PlaceArrivals.PRE_QUEUE_CUT_OFF));
    app.queueRound().run(CONCERT);
    assertThat(app.admissionStore().counters(CONCERT).drawnCount()).contains((long) EARLY);

    requests.drain();
    int looks = 0;
    for (Instant at = opening.plus(Duration.ofSeconds(2)); at.isBefore(opening.plus(Duration.ofMinutes(2))); at = at.plusSeconds(2)) {
      clock.set(at);
      app.queueRound().run(CONCERT);
      looks += Duration.between(opening, at).toSeconds() % 30 == 0 ? 1 : 0;
    }
    assertThat(looks).as("late looks among these rounds").isEqualTo(3);
    assertThat(requests.drain()).as("index Queries of two minutes of rounds after the draw").isEmpty();
  }

  /** Entries a close ended are read by the draw and settled there: no look reads their partitions, none is placed. */
  @Test
  void entries_a_close_ended_are_settled_by_the_draw_and_never_looked_for(TestTable table) {
    Requests requests = new Requests();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(10));
    TestComponent app = app(table.through(requests), clock, opening);
    List<QueueTokenId> closed = new ArrayList<>();
    for (int i = 0; i < EARLY; i++) {
      closed.add(QueueTokenId.parse(app.joinQueue().join("closed-" + i, CONCERT).view().token()).orElseThrow());
    }
    CloseAndReopen.run(app, clock, CONCERT);
    app.joinQueue().join("after-reopen", CONCERT);

    clock.set(opening.plus(PlaceArrivals.PRE_QUEUE_CUT_OFF));
    app.queueRound().run(CONCERT);
    assertThat(app.admissionStore().counters(CONCERT).drawnCount()).as("only the join after the reopen").contains(1L);
    requests.drain();
    for (Instant at = opening.plus(Duration.ofSeconds(2)); at.isBefore(opening.plus(Duration.ofSeconds(70))); at = at.plusSeconds(2)) {
      clock.set(at);
      app.queueRound().run(CONCERT);
    }
    assertThat(requests.drain()).as("index Queries of the rounds after the draw").isEmpty();
    assertThat(app.admissionStore().counters(CONCERT).placedThrough()).as("nobody a close ended is placed").isEqualTo(1);
    for (QueueTokenId id : closed) {
      assertThat(app.gateStore().token(id).orElseThrow().place()).isEmpty();
    }
  }

  /** The index partition the token is listed in, as its Query names it. */
  private static String partitionOf(TestComponent app, QueueTokenId id) {
    PlacementStore.PreQueued entry = app.placementStore().preQueue(CONCERT).stream().filter(token -> token.token().equals(id)).findFirst().orElseThrow();
    return "PREQUEUE#" + CONCERT + "#" + Integer.toHexString(entry.partition());
  }

  private static Map<String, String> env() {
    return Map.of("QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE), "QUEUE_JOIN_SHARDS", "8",
        "QUEUE_PLACEMENT_SETTLE_SECONDS", "3");
  }

  private static TestComponent app(TestTable table, MutableClock clock, Instant opening) {
    TestComponent app = TestApp.on(table, clock, env());
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    app.queueRound().run(CONCERT);  // UPCOMING: the shared state joins read
    return app;
  }
}
