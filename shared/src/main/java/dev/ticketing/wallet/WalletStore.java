package dev.ticketing.wallet;

import java.time.Instant;
import java.util.Optional;

/** Where balances and their ledger live. */
public interface WalletStore {

  long balance(String userId);

  /**
   * Credits {@code amount} and writes its ledger entry under {@code key} in one transaction,
   * unless an entry with that key exists (then nothing changes) or the balance would pass
   * {@link Money#MAX_BALANCE}.
   */
  ChargeResult charge(String userId, IdempotencyKey key, long amount, Instant at);

  sealed interface ChargeResult permits ChargeResult.Charged, ChargeResult.AlreadyCharged, ChargeResult.OverLimit {
    record Charged() implements ChargeResult {}

    /** The key was used before, for this amount. */
    record AlreadyCharged(long amount) implements ChargeResult {}

    record OverLimit() implements ChargeResult {}
  }

  /** The ledger entry of a charge, if one was written under {@code key}. */
  Optional<Long> chargedAmount(String userId, IdempotencyKey key);
}
