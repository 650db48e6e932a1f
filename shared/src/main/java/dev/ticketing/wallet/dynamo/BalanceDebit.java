package dev.ticketing.wallet.dynamo;

import static dev.ticketing.storage.Items.n;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The wallet's part of a payment's transaction: the balance drops by {@code amount}, only if it
 * is at least that ({@code 409 INSUFFICIENT_BALANCE} otherwise, and nothing of the payment
 * happens). Public because the payment's adapter puts this item into its own TransactWriteItems.
 */
public final class BalanceDebit {
  private BalanceDebit() {}

  public static TransactWriteItem item(String tableName, String userId, long amount) {
    return TransactWriteItem.builder().update(u -> u.tableName(tableName)
        .key(WalletItems.balanceKey(userId))
        .updateExpression("SET balance = balance - :amount")
        .conditionExpression("balance >= :amount")
        .expressionAttributeValues(Map.of(":amount", n(amount)))).build();
  }
}
