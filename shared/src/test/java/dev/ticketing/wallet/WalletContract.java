package dev.ticketing.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wallet.dynamo.WalletTables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;


abstract class WalletContract {
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");

  private static IdempotencyKey key(String value) {
    return IdempotencyKey.chosen(value).orElseThrow();
  }

  private static IdempotencyKey requestId(String id) {
    return IdempotencyKey.ofRequest(id);
  }

  /** Sum of the user's ledger entries: every credited won has its entry. */
  private static long ledgerTotal(TestTable table, String userId) {
    return table.client().queryPaginator(r -> r.tableName(table.name()).consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :charge)")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("USER#" + userId), ":charge", AttributeValue.fromS("CHARGE#"))))
        .items().stream().mapToLong(item -> Items.number(item, "amount")).sum();
  }

  @Test
  void three_hundred_concurrent_charges_of_500_on_1000_end_at_151000(TestTable table) throws Exception {
    TestComponent app = TestApp.on(table, clock);
    app.chargeBalance().charge("alice", requestId("first"), new ChargeRequest(1_000L));

    List<ChargeBalance.Charged> results = Concurrently.run(300, 32,
        i -> app.chargeBalance().charge("alice", requestId("rush-" + i), new ChargeRequest(500L)));

    assertThat(results).allSatisfy(r -> assertThat(r.chargedAmount()).isEqualTo(500));
    assertThat(app.getBalance().of("alice").balance()).isEqualTo(151_000);
    assertThat(ledgerTotal(table, "alice")).isEqualTo(151_000);
  }

  @Test
  void a_repeated_key_charges_once_and_answers_as_the_first_time(TestTable table) throws Exception {
    TestComponent app = TestApp.on(table, clock);
    List<ChargeBalance.Charged> repeats = Concurrently.run(20, 20,
        i -> app.chargeBalance().charge("bob", key("order-17"), new ChargeRequest(30_000L)));

    assertThat(repeats).allSatisfy(r -> assertThat(r.chargedAmount()).isEqualTo(30_000));
    assertThat(app.getBalance().of("bob").balance()).isEqualTo(30_000);
    assertThat(ledgerTotal(table, "bob")).isEqualTo(30_000);

    assertThatThrownBy(() -> app.chargeBalance().charge("bob", key("order-17"), new ChargeRequest(40_000L)))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.IDEMPOTENCY_KEY_REUSED));
    assertThat(app.getBalance().of("bob").balance()).isEqualTo(30_000);

    // Keys are scoped to the user: the same key charges another user.
    app.chargeBalance().charge("carol", key("order-17"), new ChargeRequest(40_000L));
    assertThat(app.getBalance().of("carol").balance()).isEqualTo(40_000);
  }

  @Test
  void a_charge_past_the_balance_limit_is_refused_and_changes_nothing(TestTable table) {
    TestComponent app = TestApp.on(table, clock);
    for (int i = 0; i < 100; i++) {
      app.chargeBalance().charge("dave", requestId("fill-" + i), new ChargeRequest(Money.MAX_CHARGE));
    }
    assertThat(app.getBalance().of("dave").balance()).isEqualTo(Money.MAX_BALANCE);
    assertThatThrownBy(() -> app.chargeBalance().charge("dave", key("one-more"), new ChargeRequest(1L)))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.BALANCE_LIMIT));
    assertThat(app.getBalance().of("dave").balance()).isEqualTo(Money.MAX_BALANCE);
    assertThat(WalletTables.ledgerEntry(table, "dave", key("one-more"))).isEmpty();
    assertThat(ledgerTotal(table, "dave")).isEqualTo(Money.MAX_BALANCE);
  }

  @Test
  void a_new_user_has_zero_and_amounts_and_keys_are_validated() {
    assertThatThrownBy(() -> new ChargeRequest(0L)).isInstanceOf(Refused.class).hasMessageStartingWith("amount:");
    assertThatThrownBy(() -> new ChargeRequest(1_000_001L)).isInstanceOf(Refused.class);
    assertThatThrownBy(() -> new ChargeRequest(null)).isInstanceOf(Refused.class);
    assertThat(IdempotencyKey.chosen("")).isEmpty();
    assertThat(IdempotencyKey.chosen("x".repeat(129))).isEmpty();
    assertThat(IdempotencyKey.chosen("x".repeat(128))).isPresent();
    assertThat(IdempotencyKey.chosen("tab\there")).isEmpty();
    assertThat(IdempotencyKey.chosen("한글")).isEmpty();
    assertThat(key("~ printable #1").value()).isEqualTo("key:~ printable #1");
  }

  @Test
  void a_new_user_has_a_zero_balance(TestTable table) {
    assertThat(TestApp.on(table, clock).getBalance().of("newcomer")).isEqualTo(new GetBalance.Balance("newcomer", 0));
  }
}
