package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.catalog.Concert;
import dev.ticketing.sale.draw.DrawSeed;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.sale.draw.Draw;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ticketing.sale.draw.ShowDraw;
import dev.ticketing.queue.placement.PlacementStore;
import dev.ticketing.queue.state.QueueView;

/**
 * A real pre-queue, drawn at the opening, checked from public data alone (docs/api.md, "Pre-queue and
 * the draw"): the commitment listed before the opening, then the seed and the paged draw. The
 * draw is recomputed with the JDK's own HMAC and SHA-256, not with {@link Draw}; admission then
 * follows the draw; and before the pre-queue closes the seed shows nowhere: not in the
 * catalogue, not from the draw's endpoint (DRAW_NOT_OPEN), not in any log line.
 */
@ExtendWith(DynamoDbExtension.class)
class PreQueueDrawTest {
  private static final String CONCERT = SmallCatalog.PRE_QUEUE_CONCERT;
  private static final int PRE_QUEUED = 25;
  private static final int MAX_ACTIVE = 4;
  private static final Duration GRACE = Duration.ofSeconds(120);

  @Test
  void a_real_draw_recomputes_from_public_data_and_admission_follows_it(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(30));
    ByteArrayOutputStream beforeOpening = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    Map<String, QueueView> joined = new HashMap<>();
    String commitment;
    TestComponent app;
    try {
      // Every log line (JsonLog writes to stdout) and anything on stderr until the pre-queue closes.
      System.setOut(new PrintStream(tee(stdout, beforeOpening), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(tee(stderr, beforeOpening), true, StandardCharsets.UTF_8));
      app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE),
          "ADMISSION_GRACE_SECONDS", Long.toString(GRACE.toSeconds()), "QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
      app.catalogSeeder().seed(SmallCatalog.opening(opening));
      commitment = concert(app).drawCommitment();
      assertThat(commitment).as("published from creation").matches("[0-9a-f]{64}");

      for (int i = 0; i < PRE_QUEUED; i++) {
        QueueView view = app.joinQueue().join("early-" + i, CONCERT).view();
        assertThat(view.position()).as("the pre-queue has no places").isNull();
        joined.put(view.receiptId(), view);
        clock.advance(Duration.ofSeconds(30));
        assertThat(app.queueRound().run(CONCERT).placed()).as("nobody is placed before the opening").isZero();
        assertThat(concert(app).drawSeed()).isNull();
      }
      assertDrawNotOpen(app);
      clock.set(opening.plusMillis(999));  // open, but the pre-queue takes tokens until its cut-off (1 s)
      app.queueRound().run(CONCERT);
      assertThat(concert(app).drawSeed()).as("not before the pre-queue is closed").isNull();
      assertDrawNotOpen(app);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    QueueView late = app.joinQueue().join("late", CONCERT).view();
    for (int round = 0; round < 3; round++) {
      clock.advance(Duration.ofSeconds(4));
      app.queueRound().run(CONCERT);
    }

    // What anyone can see now: the seed in the catalogue and the draw, page by page.
    String seedHex = concert(app).drawSeed();
    assertThat(seedHex).matches("[0-9a-f]{64}");
    List<Draw.Entry> published = new ArrayList<>();
    Optional<Long> from = Optional.of(0L);
    while (from.isPresent()) {
      ShowDraw.Page page = app.showDraw().page(CONCERT, from.get(), 7);
      assertThat(page.drawSeed()).isEqualTo(seedHex);
      published.addAll(page.entries());
      from = page.nextFrom();
    }

    byte[] seed = HexFormat.of().parseHex(seedHex);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed)))
        .as("the seed is the one committed to before the first join").isEqualTo(commitment);
    assertThat(published).extracting(Draw.Entry::receiptId).as("exactly the pre-queue, each once")
        .containsExactlyInAnyOrderElementsOf(joined.keySet()).doesNotContain(late.receiptId());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(seed, "HmacSHA256"));
    List<Draw.Entry> recomputed = joined.keySet().stream()
        .map(receipt -> new Draw.Entry(receipt, HexFormat.of().formatHex(mac.doFinal(receipt.getBytes(StandardCharsets.UTF_8)))))
        .sorted(Comparator.comparing(Draw.Entry::hmac).thenComparing(Draw.Entry::receiptId))
        .toList();
    assertThat(published).as("the rule applied to the published receipts").isEqualTo(recomputed);

    String seen = beforeOpening.toString(StandardCharsets.UTF_8);
    assertThat(seen).as("log lines before the pre-queue closed").doesNotContainIgnoringCase(seedHex);

    // Admission follows the draw: its first MAX_ACTIVE are admitted, the rest wait in its order,
    // the late joiner behind them all; when those turns lapse, the next of the draw come in.
    List<QueueView> drawOrder = published.stream().map(entry -> joined.get(entry.receiptId())).toList();
    assertAdmittedInDrawOrder(app, drawOrder, 0, late);
    clock.advance(GRACE.plusSeconds(1));  // the admitted never came back
    app.queueRound().run(CONCERT);
    clock.advance(Duration.ofSeconds(2));
    app.queueRound().run(CONCERT);
    assertAdmittedInDrawOrder(app, drawOrder, MAX_ACTIVE, late);
  }

  /**
   * Overlapping rounds may both draw, and the later may have seen one more pre-queue entry (the
   * index is eventually consistent). Only the draw frozen first is placed and published; the
   * entry it missed is placed once, behind it, by the late pre-queue recheck.
   */
  @Test
  void of_two_overlapping_draws_only_the_one_frozen_first_counts_and_nobody_is_lost_or_placed_twice(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(1));
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    for (int i = 0; i < 3; i++) {
      app.joinQueue().join("early-" + i, CONCERT);
    }
    clock.set(opening.plusSeconds(5));
    PlacementStore store = app.placementStore();
    // The index lists the pre-queue in the draw's order, by the hmacs the joins stored.
    List<PlacementStore.PreQueued> seenByBoth = store.preQueue(CONCERT);
    assertThat(seenByBoth).hasSize(3);
    List<Draw.Entry> all = seenByBoth.stream().map(token -> new Draw.Entry(token.receiptId(), token.hmac())).toList();
    assertThat(all).as("the index's order is the draw's").isSortedAccordingTo(Draw.ORDER);
    List<Draw.Entry> first = all.subList(0, 2);  // this round missed one late index entry
    String firstId = Draw.id(first);
    String secondId = Draw.id(all);
    assertThat(firstId).isNotEqualTo(secondId);

    store.writeDraw(CONCERT, firstId, first.stream().map(Draw.Entry::receiptId).toList());
    // the overlapping round writes after, and loses the freeze
    store.writeDraw(CONCERT, secondId, all.stream().map(Draw.Entry::receiptId).toList());
    long beforeOpening = opening.getEpochSecond() - 1;
    assertThat(store.freezeDraw(CONCERT, first.size(), firstId, DrawIndex.prefix(first.get(0).hmac()), beforeOpening)).isTrue();
    assertThat(store.freezeDraw(CONCERT, all.size(), secondId, DrawIndex.prefix(all.get(0).hmac()), beforeOpening)).isFalse();
    app.queueRound().run(CONCERT);  // the draw's places, admitted (activation writes each admitted place)
    clock.set(opening.plusSeconds(30));  // the rounds that look for late pre-queue tokens run every 30 s
    for (int round = 0; round < 3; round++) {
      app.queueRound().run(CONCERT);
      clock.advance(Duration.ofSeconds(2));
    }

    List<Long> places = seenByBoth.stream()
        .map(drawn -> app.gateStore().token(drawn.token()).orElseThrow().place().orElseThrow()).toList();
    assertThat(places.subList(0, 2)).as("the frozen draw, in its order").containsExactly(1L, 2L);
    assertThat(places.get(2)).as("the entry it missed: placed once, behind it").isEqualTo(3L);
    assertThat(app.showDraw().page(CONCERT, 0, 100).entries()).as("the published draw is the frozen one")
        .containsExactlyElementsOf(first);
  }

  /** The draw's entries {@code [first, first + MAX_ACTIVE)} are ACTIVE; those after wait in its order. */
  private static void assertAdmittedInDrawOrder(TestComponent app, List<QueueView> drawOrder, int first, QueueView late) {
    for (int i = first; i < first + MAX_ACTIVE; i++) {
      assertThat(status(app, drawOrder.get(i)).status()).as("draw place %d", i + 1).isEqualTo(QueueToken.Status.ACTIVE);
    }
    List<Long> positions = IntStream.range(first + MAX_ACTIVE, drawOrder.size())
        .mapToObj(i -> status(app, drawOrder.get(i))).peek(view -> assertThat(view.status()).isEqualTo(QueueToken.Status.WAITING))
        .map(QueueView::position).toList();
    assertThat(positions).doesNotContainNull().isSorted().doesNotHaveDuplicates();
    assertThat(status(app, late).position()).as("the late joiner waits behind the whole pre-queue")
        .isGreaterThan(positions.get(positions.size() - 1));
  }

  private static QueueView status(TestComponent app, QueueView joined) {
    return app.queueStatus().status(userOf(app, joined), QueueTokenId.parse(joined.token()));
  }

  private static String userOf(TestComponent app, QueueView view) {
    return app.gateStore().token(QueueTokenId.parse(view.token()).orElseThrow()).orElseThrow().userId();
  }

  private static void assertDrawNotOpen(TestComponent app) {
    assertThatThrownBy(() -> app.showDraw().page(CONCERT, 0, 100))
        .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.refusal()).isEqualTo(Refusal.DRAW_NOT_OPEN));
  }

  private static Concert concert(TestComponent app) {
    return app.listConcerts().list(new PageRequest(100, Optional.empty())).items().stream()
        .filter(c -> c.concertId().equals(CONCERT)).findFirst().orElseThrow();
  }

  private static OutputStream tee(OutputStream first, OutputStream second) {
    return new OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        first.write(b);
        second.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
        first.write(bytes, offset, length);
        second.write(bytes, offset, length);
      }
    };
  }
}
