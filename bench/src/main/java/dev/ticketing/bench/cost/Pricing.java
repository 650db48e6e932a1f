package dev.ticketing.bench.cost;

/**
 * DynamoDB on-demand prices used to turn capacity into money. Taken from public pricing
 * knowledge, not fetched: check them against the current AWS price list before relying on them.
 */
public final class Pricing {
  public static final String REGION = "US East (N. Virginia), us-east-1";
  public static final String AS_OF =
      "the on-demand prices published after AWS's 1 November 2024 price cut, as known in 2025";
  /** US dollars per million write request units (Standard table class). */
  public static final double USD_PER_MILLION_WRU = 0.625;
  /** US dollars per million read request units (Standard table class). */
  public static final double USD_PER_MILLION_RRU = 0.125;

  private Pricing() {}

  /** Dollars for one million calls that each consume these units. */
  public static double perMillionCalls(double readUnits, double writeUnits) {
    return readUnits * USD_PER_MILLION_RRU + writeUnits * USD_PER_MILLION_WRU;
  }
}
