package dev.ticketing.bench.load;

import dev.ticketing.bench.support.Report;

public final class ThroughputBench {
  public ThroughputBench(Report report, boolean quick) {}

  public void run() {}
}
