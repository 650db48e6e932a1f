package dev.ticketing.queue.round;

import dev.ticketing.sale.QueueFigures;
import javax.inject.Inject;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.admission.AdmissionStore;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.state.QueueStateStore;

/** The queue's figures for operators, from its counters (read consistently) and a state replica. */
public final class CountersFigures implements QueueFigures {
  private static final double SECONDS_PER_MINUTE = 60;

  private final AdmissionStore queue;
  private final QueueStateStore states;

  @Inject
  public CountersFigures(AdmissionStore queue, QueueStateStore states) {
    this.queue = queue;
    this.states = states;
  }

  @Override
  public Figures figures(String concertId) {
    QueueCounters counters = queue.counters(concertId);
    return new Figures(counters.saleState(), states.anyReplica(concertId).map(QueueState::maxActive),
        counters.admittable(), Math.max(0, counters.holdingSlots()),
        counters.admissionsPerSecond().map(rate -> Math.round(rate * SECONDS_PER_MINUTE)));
  }
}
