package dev.ticketing.wallet.dynamo;

import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.wallet.IdempotencyKey;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a test table's wallet items directly, to check what the code under test left behind. */
public final class WalletTables {
  private WalletTables() {}

  /** The ledger entry of the user's charge under {@code key}; empty if none was written. */
  public static Map<String, AttributeValue> ledgerEntry(TestTable table, String userId, IdempotencyKey key) {
    return table.client().getItem(r -> r.tableName(table.name()).key(WalletItems.chargeKey(userId, key)).consistentRead(true))
        .item();
  }
}
