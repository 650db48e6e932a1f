package dev.ticketing.wallet;

import dev.ticketing.queue.QueueKeys;

/** Keys of the wallet's items; they live in the user's partition {@code USER#<userId>}. */
public final class WalletKeys {
  public static final String BALANCE_SK = "BALANCE";

  private WalletKeys() {}

  public static String userPk(String userId) {
    return QueueKeys.userPk(userId);
  }

  public static String chargeSk(IdempotencyKey key) {
    return "CHARGE#" + key.value();
  }
}
