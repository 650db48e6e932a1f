package dev.ticketing.bench.rush;

/** What one call of a design sends, consumes and takes, measured one call at a time before its heat points. */
record Calibration(HeatMeter.Calls join, HeatMeter.Calls poll) {
  RushLoad.HandlerTimes handlerTimes() {
    return new RushLoad.HandlerTimes(join.meanMillis() / 1000, poll.meanMillis() / 1000);
  }

  RushCost.Call joinCost() {
    return new RushCost.Call(join.requestsPerCall(), join.readUnitsPerCall(), join.writeUnitsPerCall(), join.meanMillis());
  }

  RushCost.Call pollCost() {
    return new RushCost.Call(poll.requestsPerCall(), poll.readUnitsPerCall(), poll.writeUnitsPerCall(), poll.meanMillis());
  }
}
