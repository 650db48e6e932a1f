package dev.ticketing.wallet;

/** Where balances are read. */
public interface BalanceStore {

  /** The user's balance, read consistently; 0 for a user who never charged. */
  long balance(String userId);
}
