package dev.ticketing.wallet.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import dev.ticketing.storage.UserPartition;
import dev.ticketing.wallet.ChargeStore;
import dev.ticketing.wallet.IdempotencyKey;
import dev.ticketing.wallet.Money;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Charges in DynamoDB: one transaction of the ledger entry and the balance, the entry guarded
 * by {@code attribute_not_exists}: neither a client's repeat nor the SDK's own retry after a lost
 * response can credit twice.
 */
@Singleton
final class DynamoChargeStore implements ChargeStore {
  private final Table table;

  @Inject
  DynamoChargeStore(Table table, StoragePriming priming) {
    this.table = table;
    // The charge's transaction and the earlier charge's read.
    priming.refusedTransaction(UserPartition.PREFIX);
    priming.getItem(UserPartition.PREFIX);
  }

  @Override
  public ChargeResult charge(String userId, IdempotencyKey key, long amount, Instant at) {
    Map<String, AttributeValue> entry = new HashMap<>(WalletItems.chargeKey(userId, key));
    entry.put("type", s("CHARGE"));
    entry.put("amount", n(amount));
    entry.put("chargedAt", s(at.toString()));
    TransactionOutcome outcome = table.transact(List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(entry)
            .conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().update(u -> u.tableName(table.name())
            .key(WalletItems.balanceKey(userId))
            .updateExpression("ADD balance :amount")
            .conditionExpression("attribute_not_exists(balance) OR balance <= :ceiling")
            .expressionAttributeValues(Map.of(":amount", n(amount), ":ceiling", n(Money.MAX_BALANCE - amount)))).build()));
    if (outcome.committed()) {
      return new ChargeResult.Charged();
    }
    if (outcome.conditionFailedAt(0)) {
      long earlier = table.get(WalletItems.chargeKey(userId, key)).map(item -> Items.number(item, "amount"))
          .orElseThrow(() -> new IllegalStateException("ledger entry vanished"));
      return new ChargeResult.AlreadyCharged(earlier);
    }
    if (outcome.conditionFailedAt(1)) {
      return new ChargeResult.OverLimit();
    }
    throw new IllegalStateException("charge cancelled: " + outcome.reasons());
  }
}
