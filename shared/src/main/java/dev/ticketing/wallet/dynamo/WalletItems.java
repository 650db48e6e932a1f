package dev.ticketing.wallet.dynamo;

import dev.ticketing.storage.Items;
import dev.ticketing.storage.UserPartition;
import dev.ticketing.wallet.IdempotencyKey;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The wallet's items, in the user's partition {@code USER#<userId>}: {@code BALANCE} holds the
 * balance, {@code CHARGE#<key>} one ledger entry per charge.
 */
final class WalletItems {
  private static final String BALANCE_SK = "BALANCE";
  private static final String CHARGE_PREFIX = "CHARGE#";

  private WalletItems() {}

  static Map<String, AttributeValue> balanceKey(String userId) {
    return Items.key(UserPartition.pk(userId), BALANCE_SK);
  }

  static Map<String, AttributeValue> chargeKey(String userId, IdempotencyKey key) {
    return Items.key(UserPartition.pk(userId), CHARGE_PREFIX + key.value());
  }
}
