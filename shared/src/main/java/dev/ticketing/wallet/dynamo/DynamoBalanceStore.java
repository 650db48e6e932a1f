package dev.ticketing.wallet.dynamo;

import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.UserPartition;
import dev.ticketing.wallet.BalanceStore;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Balances read from DynamoDB: one consistent GetItem. */
@Singleton
final class DynamoBalanceStore implements BalanceStore {
  private final Table table;

  @Inject
  DynamoBalanceStore(Table table, StoragePriming priming) {
    this.table = table;
    // The balance's read.
    priming.getItem(UserPartition.PREFIX);
  }

  @Override
  public long balance(String userId) {
    return table.get(WalletItems.balanceKey(userId))
        .filter(item -> item.containsKey("balance"))
        .map(item -> Items.number(item, "balance"))
        .orElse(0L);
  }
}
