package dev.ticketing.bench.rush;

/**
 * What one call of a design sends, consumes and takes, measured one call at a time before its
 * heat points; and what maintenance spends: a round that places the calibration's joiners (and
 * admits the first of them), and a round with nothing to do.
 */
record Calibration(HeatMeter.Calls join, HeatMeter.Calls poll, HeatMeter.Calls placingRound, HeatMeter.Calls idleRound,
    long placed) {
  RushLoad.HandlerTimes handlerTimes() {
    return new RushLoad.HandlerTimes(join.meanMillis() / 1000, poll.meanMillis() / 1000);
  }

  RushCost.Call joinCost() {
    return new RushCost.Call(join.requestsPerCall(), join.readUnitsPerCall(), join.writeUnitsPerCall(), join.meanMillis());
  }

  RushCost.Call pollCost() {
    return new RushCost.Call(poll.requestsPerCall(), poll.readUnitsPerCall(), poll.writeUnitsPerCall(), poll.meanMillis());
  }

  /** Read units per user placed: the placing round beyond an idle one, over the users it placed. */
  double placementReadUnitsPerUser() {
    return placed == 0 ? 0 : Math.max(0, placingRound.readUnits() - idleRound.readUnits()) / placed;
  }

  double placementWriteUnitsPerUser() {
    return placed == 0 ? 0 : Math.max(0, placingRound.writeUnits() - idleRound.writeUnits()) / placed;
  }
}
