package dev.ticketing.bench.jmh;

import dev.ticketing.bench.support.Report;

public final class HandlerOverhead {
  public HandlerOverhead(Report report, boolean quick) {}

  public void run() {}
}
