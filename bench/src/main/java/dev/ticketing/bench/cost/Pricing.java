package dev.ticketing.bench.cost;

/**
 * The prices used to turn capacity and requests into money: DynamoDB on-demand, Lambda and API
 * Gateway HTTP APIs, all for US East (N. Virginia). Taken from public pricing knowledge, not
 * fetched: check them against the current AWS price list before relying on them.
 */
public final class Pricing {
  public static final String REGION = "US East (N. Virginia), us-east-1";
  public static final String AS_OF =
      "the on-demand prices published after AWS's 1 November 2024 price cut, as known in 2025";
  /** US dollars per million write request units (Standard table class). */
  public static final double USD_PER_MILLION_WRU = 0.625;
  /** US dollars per million read request units (Standard table class). */
  public static final double USD_PER_MILLION_RRU = 0.125;

  /** Where the Lambda and API Gateway prices below come from, and when; they may be out of date. */
  public static final String COMPUTE_AS_OF = "AWS Lambda and Amazon API Gateway pricing pages for us-east-1, as known in 2025 "
      + "(first tiers: the first 7.5 billion arm64 GB-seconds and the first 300 million HTTP API requests of a month)";
  /** US dollars per GB-second of Lambda duration on arm64 (x86-64: {@link #LAMBDA_X86_USD_PER_GB_SECOND}), billed per 1 ms. */
  public static final double LAMBDA_ARM64_USD_PER_GB_SECOND = 0.0000133334;
  public static final double LAMBDA_X86_USD_PER_GB_SECOND = 0.0000166667;
  /** US dollars per million Lambda invocations (both architectures). SnapStart adds no charge for Java functions. */
  public static final double LAMBDA_USD_PER_MILLION_REQUESTS = 0.20;
  /** US dollars per million API Gateway HTTP API requests (each up to 512 KB), the first 300 million a month. */
  public static final double HTTP_API_USD_PER_MILLION_REQUESTS = 1.00;

  private Pricing() {}

  /** Dollars for one million calls that each consume these units. */
  public static double perMillionCalls(double readUnits, double writeUnits) {
    return readUnits * USD_PER_MILLION_RRU + writeUnits * USD_PER_MILLION_WRU;
  }
}
