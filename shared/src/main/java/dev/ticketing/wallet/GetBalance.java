package dev.ticketing.wallet;

import javax.inject.Inject;

/** Use case: a user's balance (0 for a new user). */
public final class GetBalance {
  private final BalanceStore store;

  public record Balance(String userId, long balance) {}

  @Inject
  public GetBalance(BalanceStore store) {
    this.store = store;
  }

  public Balance of(String userId) {
    return new Balance(userId, store.balance(userId));
  }
}
