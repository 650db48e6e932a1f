package dev.ticketing.metrics;

/** The dimensions metrics are split by, all of low cardinality. */
public enum Dimension {
  CONCERT("ConcertId"),
  SALE_STATE("SaleState"),
  STEP("Step");

  private final String cloudWatchName;

  Dimension(String cloudWatchName) {
    this.cloudWatchName = cloudWatchName;
  }

  public String cloudWatchName() {
    return cloudWatchName;
  }
}
