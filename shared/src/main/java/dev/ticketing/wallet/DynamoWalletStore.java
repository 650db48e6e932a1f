package dev.ticketing.wallet;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Balances in DynamoDB: {@code USER#<id>/BALANCE} holds the balance, {@code USER#<id>/CHARGE#<key>}
 * one ledger entry per charge. A charge is one transaction of both, the entry guarded by
 * {@code attribute_not_exists}: neither a client's repeat nor the SDK's own retry after a lost
 * response can credit twice.
 */
public final class DynamoWalletStore implements WalletStore {
  private final Table table;

  @Inject
  public DynamoWalletStore(Table table) {
    this.table = table;
  }

  @Override
  public long balance(String userId) {
    return table.get(Items.key(WalletKeys.userPk(userId), WalletKeys.BALANCE_SK))
        .filter(item -> item.containsKey("balance"))
        .map(item -> Items.number(item, "balance"))
        .orElse(0L);
  }

  @Override
  public ChargeResult charge(String userId, IdempotencyKey key, long amount, Instant at) {
    Map<String, AttributeValue> entry = Map.of(
        "pk", s(WalletKeys.userPk(userId)),
        "sk", s(WalletKeys.chargeSk(key)),
        "type", s("CHARGE"),
        "amount", n(amount),
        "chargedAt", s(at.toString()));
    TransactionOutcome outcome = table.transact(List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(entry)
            .conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().update(u -> u.tableName(table.name())
            .key(Items.key(WalletKeys.userPk(userId), WalletKeys.BALANCE_SK))
            .updateExpression("ADD balance :amount")
            .conditionExpression("attribute_not_exists(balance) OR balance <= :ceiling")
            .expressionAttributeValues(Map.of(":amount", n(amount), ":ceiling", n(Money.MAX_BALANCE - amount)))).build()));
    if (outcome.committed()) {
      return new ChargeResult.Charged();
    }
    if (outcome.conditionFailedAt(0)) {
      return new ChargeResult.AlreadyCharged(chargedAmount(userId, key)
          .orElseThrow(() -> new IllegalStateException("ledger entry vanished")));
    }
    if (outcome.conditionFailedAt(1)) {
      return new ChargeResult.OverLimit();
    }
    throw new IllegalStateException("charge cancelled: " + outcome.reasons());
  }

  @Override
  public Optional<Long> chargedAmount(String userId, IdempotencyKey key) {
    return table.get(Items.key(WalletKeys.userPk(userId), WalletKeys.chargeSk(key))).map(item -> Items.number(item, "amount"));
  }
}
