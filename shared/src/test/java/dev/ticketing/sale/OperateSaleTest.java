package dev.ticketing.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.sale.OperateSale.Outcome;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The operators' commands on a real table (docs/api.md, "Operator commands"): each change lands in the
 * sale's control with an audit entry of who, when, before and after, and maintenance applies it
 * in its next round; a change that changes nothing writes nothing; refusals change nothing;
 * changes made at once by several operators are all kept, one after the other.
 */
@ExtendWith(DynamoDbExtension.class)
class OperateSaleTest {
  private static final String CONCERT = SmallCatalog.CONCERT;
  private static final Operator ALICE = new Operator("alice", "arn:aws:iam::123456789012:user/alice");
  private static final Operator BOB = new Operator("bob", "");

  @Test
  void each_command_changes_the_control_with_an_audit_entry_and_the_next_round_applies_it(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "100"));
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    app.queueRound().run(CONCERT);
    assertThat(status(app).state()).isEqualTo(SaleState.OPEN);
    assertThat(status(app).maxActiveApplied()).contains(100);

    Instant pausedAt = clock.instant();
    Outcome paused = app.operateSale().apply(CONCERT, new SaleChange.Pause(), ALICE);
    assertThat(paused).isEqualTo(new Outcome.Changed(new AuditEntry(pausedAt, "alice",
        "arn:aws:iam::123456789012:user/alice", "pause",
        "paused=false closed=false maxActive=default saleOpensAt=none",
        "paused=true closed=false maxActive=default saleOpensAt=none")));
    assertThat(status(app).state()).as("what the next round will record").isEqualTo(SaleState.PAUSED);
    assertThat(status(app).lastRound()).as("not yet applied").contains(SaleState.OPEN);
    app.queueRound().run(CONCERT);
    assertThat(status(app).lastRound()).contains(SaleState.PAUSED);

    clock.advance(Duration.ofSeconds(1));
    assertThat(app.operateSale().apply(CONCERT, new SaleChange.SetMaxActive(7), BOB)).isInstanceOf(Outcome.Changed.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(app.operateSale().apply(CONCERT, new SaleChange.Resume(), BOB)).isInstanceOf(Outcome.Changed.class);
    app.queueRound().run(CONCERT);
    ShowSaleStatus.SaleStatus resumed = status(app);
    assertThat(resumed.lastRound()).contains(SaleState.OPEN);
    assertThat(resumed.maxActiveSet()).contains(7);
    assertThat(resumed.maxActiveApplied()).as("the concert's limit replaces QUEUE_MAX_ACTIVE").contains(7);

    clock.advance(Duration.ofSeconds(1));
    assertThat(app.operateSale().apply(CONCERT, new SaleChange.Close(), ALICE)).isInstanceOf(Outcome.Changed.class);
    app.queueRound().run(CONCERT);
    assertThat(status(app).lastRound()).contains(SaleState.CLOSED);
    assertThatThrownBy(() -> app.joinQueue().join("carol", CONCERT))
        .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.refusal()).isEqualTo(Refusal.SALE_CLOSED));

    clock.advance(Duration.ofSeconds(1));
    assertThat(app.operateSale().apply(CONCERT, new SaleChange.Reopen(), ALICE)).isInstanceOf(Outcome.Changed.class);
    app.queueRound().run(CONCERT);
    assertThat(status(app).lastRound()).contains(SaleState.OPEN);
    assertThat(app.joinQueue().join("carol", CONCERT).view().concertId()).isEqualTo(CONCERT);

    List<AuditEntry> trail = app.operateSale().audit(CONCERT);
    assertThat(trail).extracting(AuditEntry::command)
        .as("newest first").containsExactly("reopen", "close", "resume", "set max active 7", "pause");
    assertThat(trail).extracting(AuditEntry::operator).containsExactly("alice", "alice", "bob", "bob", "alice");
    assertThat(trail.get(3).identity()).as("no identity where the credentials name none").isEmpty();
    assertThat(trail.get(3).at()).isEqualTo(pausedAt.plusSeconds(1));
    for (int i = 0; i + 1 < trail.size(); i++) {
      assertThat(trail.get(i).before()).as("each change starts where the one before it ended").isEqualTo(trail.get(i + 1).after());
    }
    assertThat(trail.get(0).after()).isEqualTo("paused=false closed=false maxActive=7 saleOpensAt=none");
  }

  @Test
  void a_command_that_would_change_nothing_writes_nothing_and_is_not_audited(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    TestComponent app = TestApp.on(table, clock);
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    app.operateSale().apply(CONCERT, new SaleChange.Pause(), ALICE);
    app.operateSale().apply(CONCERT, new SaleChange.SetMaxActive(5), ALICE);
    Map<String, Map<String, AttributeValue>> before = snapshot(table);

    assertThat(app.operateSale().apply(CONCERT, new SaleChange.Pause(), BOB))
        .isEqualTo(new Outcome.AlreadySo("the sale is already paused"));
    assertThat(app.operateSale().apply(CONCERT, new SaleChange.SetMaxActive(5), BOB))
        .isEqualTo(new Outcome.AlreadySo("the active limit is already 5"));
    assertThat(app.operateSale().apply(CONCERT, new SaleChange.Reopen(), BOB)).isInstanceOf(Outcome.AlreadySo.class);
    assertThat(app.operateSale().apply(SmallCatalog.OTHER_CONCERT, new SaleChange.Resume(), BOB))
        .isEqualTo(new Outcome.AlreadySo("the sale is not paused"));

    assertThat(snapshot(table)).isEqualTo(before);
    assertThat(app.operateSale().audit(CONCERT)).hasSize(2);
    assertThat(app.operateSale().audit(SmallCatalog.OTHER_CONCERT)).isEmpty();
  }

  @Test
  void reopen_lifts_only_an_operators_close(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    TestComponent app = TestApp.on(table, clock);
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    clock.advance(Duration.ofDays(60));  // every date has begun: CLOSED, by no operator

    Outcome reopen = app.operateSale().apply(CONCERT, new SaleChange.Reopen(), ALICE);
    assertThat(reopen).isInstanceOfSatisfying(Outcome.AlreadySo.class,
        already -> assertThat(already.detail()).contains("no operator closed the sale"));
    assertThat(app.operateSale().audit(CONCERT)).isEmpty();
  }

  @Test
  void the_opening_moves_only_while_upcoming_more_than_10_minutes_ahead_and_to_an_instant_as_far(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofHours(1));
    String concert = SmallCatalog.PRE_QUEUE_CONCERT;
    TestComponent app = TestApp.on(table, clock);
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    Map<String, Map<String, AttributeValue>> untouched = snapshot(table);

    assertThat(app.operateSale().apply(concert, new SaleChange.SetSaleOpensAt(clock.instant().plus(Duration.ofMinutes(10))), ALICE))
        .as("not 10 minutes ahead").isInstanceOfSatisfying(Outcome.NotAllowed.class,
            refused -> assertThat(refused.reason()).contains("more than 10 minutes from now"));
    assertThat(app.operateSale().apply(concert, new SaleChange.SetSaleOpensAt(opening.plus(Duration.ofDays(366))), ALICE))
        .as("past the pre-queue's tokens' life").isInstanceOf(Outcome.NotAllowed.class);
    assertThat(app.operateSale().apply(CONCERT, new SaleChange.SetSaleOpensAt(opening), ALICE))
        .as("a sale open since it was created").isInstanceOfSatisfying(Outcome.NotAllowed.class,
            refused -> assertThat(refused.reason()).contains("the sale is OPEN"));
    assertThat(app.operateSale().apply(concert, new SaleChange.SetSaleOpensAt(opening), ALICE))
        .isInstanceOf(Outcome.AlreadySo.class);
    assertThat(snapshot(table)).as("refusals change nothing").isEqualTo(untouched);

    Instant later = opening.plus(Duration.ofHours(2));
    Outcome moved = app.operateSale().apply(concert, new SaleChange.SetSaleOpensAt(later), ALICE);
    assertThat(moved).isInstanceOfSatisfying(Outcome.Changed.class, changed -> {
      assertThat(changed.entry().before()).endsWith("saleOpensAt=" + opening);
      assertThat(changed.entry().after()).endsWith("saleOpensAt=" + later);
    });
    assertThat(status(app, concert).saleOpensAt()).contains(later);
    assertThat(app.saleTermsStore().terms(concert).orElseThrow().saleOpensAt()).contains(later);

    app.operateSale().apply(concert, new SaleChange.Pause(), BOB);
    assertThat(app.operateSale().apply(concert, new SaleChange.SetSaleOpensAt(later.plusSeconds(60)), ALICE))
        .isInstanceOfSatisfying(Outcome.NotAllowed.class,
            refused -> assertThat(refused.reason()).contains("the sale is PAUSED").contains("resume it first"));
    app.operateSale().apply(concert, new SaleChange.Resume(), ALICE);

    clock.set(later.minus(Duration.ofMinutes(10)));
    assertThat(app.operateSale().apply(concert, new SaleChange.SetSaleOpensAt(later.plus(Duration.ofHours(1))), ALICE))
        .as("10 minutes or less before the opening").isInstanceOfSatisfying(Outcome.NotAllowed.class,
            refused -> assertThat(refused.reason()).contains("too late to move it"));
    assertThat(app.saleTermsStore().terms(concert).orElseThrow().saleOpensAt()).contains(later);
    assertThat(app.operateSale().audit(concert)).extracting(AuditEntry::command)
        .containsExactly("resume", "pause", "set sale opens at " + later);
  }

  @Test
  void an_unknown_concert_is_refused_and_nothing_is_written(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    TestComponent app = TestApp.on(table, clock);
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    Map<String, Map<String, AttributeValue>> before = snapshot(table);

    for (Runnable call : List.<Runnable>of(() -> app.operateSale().apply("no-such", new SaleChange.Close(), ALICE),
        () -> app.operateSale().audit("no-such"), () -> app.showSaleStatus().show("no-such"))) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(Refused.class,
          refused -> assertThat(refused.refusal()).isEqualTo(Refusal.CONCERT_NOT_FOUND));
    }
    assertThat(snapshot(table)).isEqualTo(before);
  }

  @Test
  void changes_made_at_once_by_several_operators_are_all_kept_one_after_the_other(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    TestComponent app = TestApp.on(table, clock);
    Instant opened = clock.instant().minus(Duration.ofDays(1));
    List<SaleChange> changes = List.of(new SaleChange.Pause(), new SaleChange.SetMaxActive(3), new SaleChange.Close());

    for (int round = 0; round < 5; round++) {
      String concert = "race-" + round;
      app.catalogSeeder().seed(SmallCatalog.opening(concert, opened));
      List<Outcome> outcomes = Concurrently.run(changes.size(), changes.size(),
          i -> app.operateSale().apply(concert, changes.get(i), new Operator("op-" + i, "")));
      assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Outcome.Changed.class));

      SaleControl control = app.saleControlStore().control(concert);
      assertThat(control.paused()).isTrue();
      assertThat(control.closed()).isTrue();
      assertThat(control.maxActive()).contains(3);
      assertThat(control.version()).isEqualTo(changes.size());
      // The trail is one chain: each change's "before" is the "after" of the change committed just before it.
      List<AuditEntry> trail = app.operateSale().audit(concert);
      assertThat(trail).hasSize(changes.size());
      Map<String, AuditEntry> byBefore = new HashMap<>();
      trail.forEach(entry -> byBefore.put(entry.before(), entry));
      String at = "paused=false closed=false maxActive=default saleOpensAt=" + opened;
      for (int i = 0; i < changes.size(); i++) {
        AuditEntry next = byBefore.get(at);
        assertThat(next).as("a change that starts from " + at + " in " + trail).isNotNull();
        at = next.after();
      }
      assertThat(at).isEqualTo("paused=true closed=true maxActive=3 saleOpensAt=" + opened);
    }
  }

  private static ShowSaleStatus.SaleStatus status(TestComponent app) {
    return status(app, CONCERT);
  }

  private static ShowSaleStatus.SaleStatus status(TestComponent app, String concertId) {
    return app.showSaleStatus().show(concertId);
  }

  private static Map<String, Map<String, AttributeValue>> snapshot(TestTable table) {
    Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
    Map<String, AttributeValue> start = null;
    do {
      var page = table.client().scan(ScanRequest.builder().tableName(table.name()).consistentRead(true)
          .exclusiveStartKey(start).build());
      page.items().forEach(item -> items.put(item.get("pk").s() + " / " + item.get("sk").s(), item));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return items;
  }
}
