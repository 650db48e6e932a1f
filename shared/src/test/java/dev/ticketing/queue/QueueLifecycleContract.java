package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.queue.dynamo.QueueTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.ticketing.queue.join.JoinQueue;
import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.queue.gate.ActiveSession;
import dev.ticketing.queue.state.QueueView;

/** A token's life with an injected clock: waiting, admitted, used, grace, TTL, rejoin; and the gate's answers. */
abstract class QueueLifecycleContract {
  private static final String CONCERT = SmallCatalog.CONCERT;
  private static final String OTHER_CONCERT = SmallCatalog.OTHER_CONCERT;
  private MutableClock clock;

  @BeforeEach
  void clock() {
    clock = MutableClock.at("2026-11-25T00:00:00Z");
  }

  private TestComponent app(TestTable table) {
    TestComponent app = TestApp.on(table, clock,
        Map.of("QUEUE_MAX_ACTIVE", "2", "ACTIVE_TTL_SECONDS", "600", "ADMISSION_GRACE_SECONDS", "120"));
    // Two open concerts are all a token's life needs: a smaller table keeps the moto run short
    // (moto copies the whole table for every item of a transaction).
    app.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    return app;
  }

  private static void assertProblem(Refusal code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(code));
  }

  @Test
  void a_used_token_lives_until_its_ttl_and_an_unused_one_until_the_grace(TestTable table) {
    TestComponent app = app(table);
    String alice = app.joinQueue().join("alice", CONCERT).view().token();
    clock.advance(Duration.ofSeconds(3));  // joins at least 3 s apart keep their order
    String bob = app.joinQueue().join("bob", CONCERT).view().token();
    clock.advance(Duration.ofSeconds(3));
    String carol = app.joinQueue().join("carol", CONCERT).view().token();
    clock.advance(Duration.ofSeconds(1));  // carol's second is over: placement counts it
    Instant admittedAt = clock.instant();
    app.queueRound().run(CONCERT);
    clock.advance(Duration.ofSeconds(1));  // polls see the queue's shared state at most a second late

    QueueView aliceView = app.queueStatus().status("alice", QueueTokenId.parse(alice));
    assertThat(aliceView.status()).isEqualTo(QueueToken.Status.ACTIVE);
    assertThat(aliceView.position()).isZero();
    assertThat(aliceView.activeUntil()).isEqualTo(admittedAt.plus(Duration.ofSeconds(600)));
    assertThat(aliceView.pollAfterSeconds()).as("near the front: every 2 s").isEqualTo(2);
    QueueView carolView = app.queueStatus().status("carol", QueueTokenId.parse(carol));
    assertThat(carolView.status()).isEqualTo(QueueToken.Status.WAITING);
    assertThat(carolView.position()).isEqualTo(1);
    assertProblem(Refusal.TOKEN_NOT_ACTIVE, () -> app.queueGate().admit("carol", CONCERT, QueueTokenId.parse(carol)));

    clock.advance(Duration.ofSeconds(118));
    ActiveSession session = app.queueGate().admit("alice", CONCERT, QueueTokenId.parse(alice));
    assertThat(session.activeUntil()).isEqualTo(aliceView.activeUntil());

    clock.advance(Duration.ofSeconds(2));  // 121 s after admission: bob never used his turn
    assertThat(app.queueStatus().status("bob", QueueTokenId.parse(bob)).status()).isEqualTo(QueueToken.Status.EXPIRED);
    assertProblem(Refusal.TOKEN_EXPIRED, () -> app.queueGate().admit("bob", CONCERT, QueueTokenId.parse(bob)));
    assertThat(app.queueGate().admit("alice", CONCERT, QueueTokenId.parse(alice)).userId()).isEqualTo("alice");

    // The next run ends bob's session and gives his slot to carol.
    app.queueRound().run(CONCERT);
    assertThat(app.queueStatus().status("carol", QueueTokenId.parse(carol)).status()).isEqualTo(QueueToken.Status.ACTIVE);
    Map<String, AttributeValue> bobItem = QueueTables.token(table, QueueTokenId.parse(bob).orElseThrow());
    assertThat(Items.string(bobItem, "status")).isEqualTo("EXPIRED");
    assertThat(Items.number(bobItem, "ttl")).as("ended tokens are deleted by DynamoDB TTL")
        .isEqualTo(clock.instant().plus(QueueTables.KEEP_ENDED).getEpochSecond());

    clock.advance(Duration.ofSeconds(600 - 121));  // alice's TTL is over, used or not
    assertThat(app.queueStatus().status("alice", QueueTokenId.parse(alice)).status()).isEqualTo(QueueToken.Status.EXPIRED);
    assertProblem(Refusal.TOKEN_EXPIRED, () -> app.queueGate().admit("alice", CONCERT, QueueTokenId.parse(alice)));

    // Joining again after expiry: a new token, with no place until the next round places it at the back.
    JoinQueue.Result again = app.joinQueue().join("bob", CONCERT);
    assertThat(again).isInstanceOf(JoinQueue.Result.Created.class);
    assertThat(again.view().token()).isNotEqualTo(bob);
    assertThat(again.view().position()).isNull();
    assertThat(again.view().estimatedWaitSeconds()).isNull();
    assertThat(again.view().pollAfterSeconds()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    app.queueRound().run(CONCERT);
    assertThat(app.gateStore().token(QueueTokenId.parse(again.view().token()).orElseThrow()).orElseThrow().place())
        .contains(4L);
  }

  @Test
  void the_gate_refuses_every_token_that_is_not_the_callers_active_one_for_the_concert(TestTable table) {
    TestComponent app = app(table);
    String alice = app.joinQueue().join("alice", CONCERT).view().token();
    String aliceElsewhere = app.joinQueue().join("alice", OTHER_CONCERT).view().token();
    clock.advance(Duration.ofSeconds(1));  // their second is over
    app.queueRound().run(CONCERT);
    app.queueRound().run(OTHER_CONCERT);
    QueueGate gate = app.queueGate();

    assertProblem(Refusal.TOKEN_INVALID, () -> gate.admit("alice", CONCERT, Optional.empty()));
    assertProblem(Refusal.TOKEN_INVALID, () -> gate.admit("alice", CONCERT, QueueTokenId.parse("garbage")));
    assertProblem(Refusal.TOKEN_INVALID, () -> gate.admit("alice", CONCERT, QueueTokenId.parse(CONCERT + "." + "A".repeat(32))));
    String secret = alice.substring(alice.lastIndexOf('.') + 1);
    assertProblem(Refusal.TOKEN_INVALID, () -> gate.admit("alice", OTHER_CONCERT, QueueTokenId.parse(OTHER_CONCERT + "." + secret)));
    assertProblem(Refusal.TOKEN_FORBIDDEN, () -> gate.admit("mallory", CONCERT, QueueTokenId.parse(alice)));
    assertProblem(Refusal.TOKEN_FORBIDDEN, () -> gate.admit("alice", OTHER_CONCERT, QueueTokenId.parse(alice)));
    assertProblem(Refusal.TOKEN_FORBIDDEN, () -> app.queueStatus().status("mallory", QueueTokenId.parse(alice)));
    assertProblem(Refusal.TOKEN_INVALID, () -> app.queueStatus().status("alice", QueueTokenId.parse("x")));

    assertThat(gate.admit("alice", CONCERT, QueueTokenId.parse(alice)).concertId()).isEqualTo(CONCERT);
    assertThat(gate.admit("alice", OTHER_CONCERT, QueueTokenId.parse(aliceElsewhere)).concertId()).isEqualTo(OTHER_CONCERT);
  }

  @Test
  void first_use_is_recorded_once_and_keeps_the_slot_past_the_grace(TestTable table) {
    TestComponent app = app(table);
    String alice = app.joinQueue().join("alice", CONCERT).view().token();
    clock.advance(Duration.ofSeconds(1));
    app.queueRound().run(CONCERT);
    QueueTokenId id = QueueTokenId.parse(alice).orElseThrow();

    clock.advance(Duration.ofSeconds(10));
    Instant firstUse = clock.instant();
    app.queueGate().admit("alice", CONCERT, QueueTokenId.parse(alice));
    clock.advance(Duration.ofSeconds(10));
    app.queueGate().admit("alice", CONCERT, QueueTokenId.parse(alice));
    assertThat(app.gateStore().token(id).orElseThrow().firstUsedAt()).contains(firstUse);

    clock.advance(Duration.ofSeconds(300));  // far past the grace: used, so still active
    app.queueRound().run(CONCERT);
    assertThat(app.queueStatus().status("alice", QueueTokenId.parse(alice)).status()).isEqualTo(QueueToken.Status.ACTIVE);
  }
}
