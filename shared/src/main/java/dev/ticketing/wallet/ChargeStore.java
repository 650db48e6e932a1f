package dev.ticketing.wallet;

import java.time.Instant;

/** Where charges are made: the balance and its ledger change together. */
public interface ChargeStore {

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
}
