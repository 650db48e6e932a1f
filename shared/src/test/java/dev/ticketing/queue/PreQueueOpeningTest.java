package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.sale.draw.Draw;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import dev.ticketing.sale.draw.ShowDraw;
import dev.ticketing.queue.placement.PlaceArrivals;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.queue.round.QueueRound;

/**
 * Opening a pre-queue: at the cut-off the draw hands out its places at once and its head is
 * admitted, with no place written into any token but the admitted ones' (admission finds a drawn
 * place's token through the draw's chunks and the pre-queue's index; polls find their places in
 * the chunks), and still every token gets exactly its place in the draw, none twice, nobody
 * skipped, also when two rounds run at once; a waiting user's position is never fewer than the
 * users really ahead of them.
 */
@ExtendWith(DynamoDbExtension.class)
class PreQueueOpeningTest {
  private static final String CONCERT = SmallCatalog.PRE_QUEUE_CONCERT;
  private static final int PRE_QUEUED = 1_300;
  private static final int MAX_ACTIVE = 4;

  /** Counts the places written into tokens (single or in transactions) until the first admission. */
  private static final class PlacesBeforeAdmission implements ExecutionInterceptor {
    final AtomicInteger placesWritten = new AtomicInteger();
    final AtomicInteger atFirstAdmission = new AtomicInteger(-1);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof UpdateItemRequest update) {
        if (update.updateExpression().startsWith("SET place = :place")) {
          placesWritten.incrementAndGet();
        } else if (update.updateExpression().startsWith("SET #status = :active")) {
          atFirstAdmission.compareAndSet(-1, placesWritten.get());
        }
      } else if (context.request() instanceof TransactWriteItemsRequest transaction) {
        placesWritten.addAndGet((int) transaction.transactItems().stream()
            .filter(item -> item.update() != null && item.update().updateExpression().startsWith("SET place = :place")).count());
      }
    }
  }

  @Test
  void the_head_of_the_draw_is_admitted_before_every_place_is_written_and_every_place_follows_the_draw(TestTable table)
      throws Exception {
    PlacesBeforeAdmission counted = new PlacesBeforeAdmission();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(30));
    TestComponent app = app(table.through(counted), clock, opening);
    Map<String, QueueTokenId> preQueue = preQueue(app);
    counted.placesWritten.set(0);

    clock.set(opening.plusSeconds(1));  // the pre-queue's cut-off: the round there draws
    QueueRound.Report round = app.queueRound().run(CONCERT);

    assertThat(round.placed()).as("the whole draw, in one round whose clock does not move").isEqualTo(PRE_QUEUED);
    assertThat(round.admitted()).isEqualTo(MAX_ACTIVE);
    assertThat(counted.atFirstAdmission.get()).as("places written when the first user was admitted").isZero();
    for (int more = 0; more < 5; more++) {
      clock.advance(Duration.ofSeconds(2));
      app.queueRound().run(CONCERT);
    }
    assertThat(counted.placesWritten.get()).as("no place written by maintenance: the admitted ones carry theirs by activation")
        .isZero();
    assertPlacedInDrawOrder(app, drawOrder(app, preQueue));
  }

  @Test
  void two_rounds_at_once_at_the_opening_give_each_place_once_in_the_draws_order(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(30));
    TestComponent app = app(table, clock, opening);
    Map<String, QueueTokenId> preQueue = preQueue(app);
    clock.set(opening.plusSeconds(1));

    for (int i = 0; i < 2; i++) {
      Concurrently.run(2, 2, round -> {
        try {
          return app.queueRound().run(CONCERT);
        } catch (RuntimeException overlapped) {
          return null;  // a round that lost a race may fail; the next one carries on
        }
      });
    }
    app.queueRound().run(CONCERT);

    assertPlacedInDrawOrder(app, drawOrder(app, preQueue));
  }

  /** Fails every write of a draw's chunk while armed: a round that stops after admitting the head. */
  private static final class FailingChunks implements ExecutionInterceptor {
    volatile boolean armed;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (armed && context.request() instanceof PutItemRequest put && put.item().get("pk").s().startsWith("QDRAW#")) {
        throw new IllegalStateException("the round stops before the draw's chunks are written");
      }
    }
  }

  @Test
  void a_round_that_stops_after_admitting_the_head_leaves_a_draw_the_next_round_starts_with_that_head(TestTable table)
      throws Exception {
    int admitting = 20;
    FailingChunks failing = new FailingChunks();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(30));
    TestComponent app = TestApp.on(table.through(failing), clock, Map.of("QUEUE_MAX_ACTIVE", Integer.toString(admitting),
        "QUEUE_JOIN_SHARDS", "8", "QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    app.queueRound().run(CONCERT);
    Map<String, QueueTokenId> byReceipt = new java.util.concurrent.ConcurrentHashMap<>();
    for (int i = 0; i < 2 * admitting; i++) {
      QueueView view = app.joinQueue().join("early-" + i, CONCERT).view();
      byReceipt.put(view.receiptId(), QueueTokenId.parse(view.token()).orElseThrow());
    }

    clock.set(opening.plus(PlaceArrivals.PRE_QUEUE_CUT_OFF));
    failing.armed = true;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.queueRound().run(CONCERT))
        .as("the round stops at the draw's chunks").isInstanceOf(RuntimeException.class);
    failing.armed = false;
    QueueCounters stopped = app.admissionStore().counters(CONCERT);
    assertThat(stopped.drawnCount()).as("no draw frozen without its chunks").isEmpty();
    assertThat(stopped.admitted()).as("the head admitted first").isEqualTo(admitting);
    Map<Long, String> headByPlace = new java.util.TreeMap<>();
    for (Map.Entry<String, QueueTokenId> entry : byReceipt.entrySet()) {
      QueueToken token = app.gateStore().token(entry.getValue()).orElseThrow();
      if (token.status() == QueueToken.StoredStatus.ACTIVE) {
        headByPlace.put(token.place().orElseThrow(), entry.getKey());
      }
    }
    assertThat(headByPlace.keySet()).as("the head's places").containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, admitting).boxed().toList());

    // Entries that reach the index after the head was read (joined before the opening, stored late):
    // about half sort ahead of the head's last entry.
    clock.set(opening.minusMillis(500));
    Map<String, QueueTokenId> late = new java.util.HashMap<>();
    for (int i = 0; i < 2 * admitting; i++) {
      QueueView view = app.joinQueue().join("late-" + i, CONCERT).view();
      late.put(view.receiptId(), QueueTokenId.parse(view.token()).orElseThrow());
    }
    clock.set(opening.plusSeconds(3));
    app.queueRound().run(CONCERT);

    List<Draw.Entry> draw = app.showDraw().page(CONCERT, 0, ShowDraw.MAX_LIMIT).entries();
    assertThat(app.admissionStore().counters(CONCERT).drawnCount()).contains((long) draw.size());
    assertThat(draw.subList(0, admitting).stream().map(Draw.Entry::receiptId).toList())
        .as("the admitted head is exactly the draw's first places").containsExactlyElementsOf(headByPlace.values());
    assertThat(draw).as("the draw's order").isSortedAccordingTo(Draw.ORDER);
    assertThat(draw.stream().map(Draw.Entry::receiptId).filter(byReceipt::containsKey).toList())
        .as("every early token drawn once").hasSize(byReceipt.size()).doesNotHaveDuplicates();
    java.util.Set<String> drawn = new java.util.HashSet<>(draw.stream().map(Draw.Entry::receiptId).toList());
    assertThat(late.keySet()).as("late entries ahead of the head's last are left to the late look")
        .anyMatch(receipt -> !drawn.contains(receipt));
    Draw.Entry headLast = draw.get(admitting - 1);
    for (Draw.Entry entry : draw.subList(admitting, draw.size())) {
      assertThat(Draw.ORDER.compare(entry, headLast)).as("drawn after the head").isPositive();
    }

    // The late look gives the late entries the draw left out a place behind everyone drawn.
    for (int round = 0; round < 40; round++) {
      clock.set(opening.plusSeconds(30L * (round / 2 + 1) + 4L * (round % 2)));
      app.queueRound().run(CONCERT);
    }
    clock.advance(Duration.ofSeconds(2));
    java.util.Set<Long> places = new java.util.HashSet<>();
    Map<String, QueueTokenId> everyone = new java.util.HashMap<>(byReceipt);
    everyone.putAll(late);
    for (QueueTokenId id : everyone.values()) {
      QueueToken token = app.gateStore().token(id).orElseThrow();
      QueueView view = app.queueStatus().status(token.userId(), Optional.of(id));
      if (token.place().isPresent()) {
        assertThat(places.add(token.place().get())).as("admitted once to each place").isTrue();
      } else {
        assertThat(view.position()).as("%s has a place", token.userId()).isNotNull();
      }
    }
    assertThat(app.admissionStore().counters(CONCERT).placedThrough()).as("each placed once")
        .isEqualTo(everyone.size());
  }

  @Test
  void a_token_activated_after_the_cached_state_was_read_shows_active_at_once(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(30));
    TestComponent app = app(table, clock, opening);
    List<QueueView> joined = new ArrayList<>();
    for (int i = 0; i < MAX_ACTIVE + 2; i++) {
      joined.add(app.joinQueue().join("early-" + i, CONCERT).view());
    }
    clock.set(opening.plus(PlaceArrivals.PRE_QUEUE_CUT_OFF));
    // Polls before the round: this instance caches the shared state as it was before the draw.
    for (int i = 0; i < joined.size(); i++) {
      assertThat(app.queueStatus().status("early-" + i, QueueTokenId.parse(joined.get(i).token())).status())
          .isEqualTo(QueueToken.Status.WAITING);
    }

    app.queueRound().run(CONCERT);

    int active = 0;
    for (int i = 0; i < joined.size(); i++) {
      QueueView view = app.queueStatus().status("early-" + i, QueueTokenId.parse(joined.get(i).token()));
      if (view.status() == QueueToken.Status.ACTIVE) {
        active++;
      } else {
        assertThat(view.position()).as("the cached state, read before the draw, places nobody yet").isNull();
      }
    }
    assertThat(active).as("ACTIVE from the token itself, while the cached state still predates the draw")
        .isEqualTo(MAX_ACTIVE);
  }

  private static TestComponent app(TestTable table, MutableClock clock, Instant opening) {
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE),
        "QUEUE_JOIN_SHARDS", "8", "QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    app.queueRound().run(CONCERT);  // UPCOMING: the shared state joins read
    return app;
  }

  /** PRE_QUEUED users join before the opening, 16 at a time: their tokens by receipt. */
  private static Map<String, QueueTokenId> preQueue(TestComponent app) throws Exception {
    Map<String, QueueTokenId> byReceipt = new java.util.concurrent.ConcurrentHashMap<>();
    Concurrently.run(PRE_QUEUED, 16, i -> {
      QueueView view = app.joinQueue().join("early-" + i, CONCERT).view();
      return byReceipt.put(view.receiptId(), QueueTokenId.parse(view.token()).orElseThrow());
    });
    assertThat(byReceipt).hasSize(PRE_QUEUED);
    return byReceipt;
  }

  /** The published draw, page by page, as the tokens it names. */
  private static List<QueueToken> drawOrder(TestComponent app, Map<String, QueueTokenId> preQueue) {
    List<QueueToken> order = new ArrayList<>();
    Optional<Long> from = Optional.of(0L);
    while (from.isPresent()) {
      ShowDraw.Page page = app.showDraw().page(CONCERT, from.get(), ShowDraw.MAX_LIMIT);
      for (Draw.Entry entry : page.entries()) {
        order.add(Optional.ofNullable(preQueue.get(entry.receiptId())).flatMap(app.gateStore()::token).orElse(null));
      }
      from = page.nextFrom();
    }
    return order;
  }

  /**
   * Every pre-queued token holds exactly its place in the draw (so none twice, none skipped); the
   * first MAX_ACTIVE of the draw are ACTIVE; the others wait with positions that grow along the
   * draw, each at least the number of users really ahead.
   */
  private static void assertPlacedInDrawOrder(TestComponent app, List<QueueToken> drawnBefore) {
    assertThat(drawnBefore).hasSize(PRE_QUEUED).doesNotContainNull();
    long previous = 0;
    for (int i = 0; i < drawnBefore.size(); i++) {
      QueueToken token = app.gateStore().token(drawnBefore.get(i).token()).orElseThrow();
      QueueView view = app.queueStatus().status(token.userId(), Optional.of(token.token()));
      if (i < MAX_ACTIVE) {
        assertThat(view.status()).as("the draw's entry %d", i + 1).isEqualTo(QueueToken.Status.ACTIVE);
        assertThat(token.place()).as("place of the draw's entry %d, written by its activation", i + 1).contains((long) i + 1);
      } else {
        assertThat(token.place()).as("nothing written into waiting drawn token %d", i + 1).isEmpty();
        assertThat(view.status()).isEqualTo(QueueToken.Status.WAITING);
        assertThat(view.position()).as("position of the draw's entry %d", i + 1)
            .isGreaterThanOrEqualTo((long) i - MAX_ACTIVE + 1).isGreaterThan(previous);
        previous = view.position();
      }
    }
    assertThat(IntStream.range(0, drawnBefore.size()).mapToObj(i -> drawnBefore.get(i).token()).distinct()).hasSize(PRE_QUEUED);
  }
}
