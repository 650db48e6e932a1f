package dev.ticketing.wallet;

import javax.inject.Inject;

/** Use case: a user's balance (0 for a new user). */
public final class GetBalance {
  private final WalletStore store;

  public record Balance(String userId, long balance) {}

  @Inject
  public GetBalance(WalletStore store) {
    this.store = store;
  }

  public Balance of(String userId) {
    return new Balance(userId, store.balance(userId));
  }
}
