package dev.ticketing.wallet;

import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Clock;
import javax.inject.Inject;

/**
 * Use case: add prepaid money. Exactly once per idempotency key: a repeat with the same amount
 * answers as the first attempt did; the same key with another amount is refused.
 */
public final class ChargeBalance {
  private final ChargeStore charges;
  private final BalanceStore balances;
  private final Clock clock;

  public record Charged(String userId, long balance, long chargedAmount) {}

  @Inject
  public ChargeBalance(ChargeStore charges, BalanceStore balances, Clock clock) {
    this.charges = charges;
    this.balances = balances;
    this.clock = clock;
  }

  public Charged charge(String userId, IdempotencyKey key, ChargeRequest request) {
    long amount = request.amount();
    ChargeStore.ChargeResult result = charges.charge(userId, key, amount, Instants.now(clock));
    if (result instanceof ChargeStore.ChargeResult.OverLimit) {
      throw new Refused(Refusal.BALANCE_LIMIT, "a balance may not exceed " + Money.MAX_BALANCE + " KRW");
    }
    if (result instanceof ChargeStore.ChargeResult.AlreadyCharged earlier && earlier.amount() != amount) {
      throw new Refused(Refusal.IDEMPOTENCY_KEY_REUSED, "this idempotency key was used for another charge");
    }
    return new Charged(userId, balances.balance(userId), amount);
  }
}
