package dev.ticketing.bench.rush;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The instances of one function, modelled as Lambda scales them: as many as the request rate
 * times the handler's time (Little's law: the number of requests in flight), at least one. Each
 * second {@link #rescale} sets the target from the calls of the last second and the handler time
 * measured on an idle machine (on this shared 2-core machine a call's wall time under load is
 * mostly waiting for a core, which no Lambda instance does). Instances are added, never removed
 * during a run (Lambda keeps warm ones), and every call goes to one chosen at random.
 */
final class InstancePool {
  private final Supplier<QueueDesign.FunctionInstance> factory;
  private final double handlerSeconds;
  private final List<QueueDesign.FunctionInstance> instances = new CopyOnWriteArrayList<>();
  private final AtomicLong callsThisSecond = new AtomicLong();
  private volatile int largest;

  InstancePool(Supplier<QueueDesign.FunctionInstance> factory, double handlerSeconds) {
    this.factory = factory;
    this.handlerSeconds = handlerSeconds;
    instances.add(factory.get());
    largest = 1;
  }

  QueueDesign.FunctionInstance pick() {
    callsThisSecond.incrementAndGet();
    return instances.get(ThreadLocalRandom.current().nextInt(instances.size()));
  }

  /** Called once a second: grows the pool to rate x handler time. */
  void rescale() {
    long calls = callsThisSecond.getAndSet(0);
    int target = (int) Math.max(1, Math.ceil(calls * handlerSeconds));
    while (instances.size() < target) {
      instances.add(factory.get());
    }
    largest = Math.max(largest, instances.size());
  }

  int size() {
    return largest;
  }
}
