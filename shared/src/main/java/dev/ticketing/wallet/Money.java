package dev.ticketing.wallet;

/** The wallet's limits (docs/api.md): amounts in whole KRW. */
public final class Money {
  public static final long MIN_CHARGE = 1;
  public static final long MAX_CHARGE = 1_000_000;
  public static final long MAX_BALANCE = 100_000_000;

  private Money() {}
}
