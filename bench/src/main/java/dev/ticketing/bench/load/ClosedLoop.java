package dev.ticketing.bench.load;

import dev.ticketing.bench.support.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed loop: {@code concurrency} threads each run the operation back to back until the time
 * is up, the operation count is reached, or the operation says there is nothing left to do. It
 * always stops by itself.
 */
public final class ClosedLoop {
  private ClosedLoop() {}

  /** One worker's operation; returns false when it has nothing left to do (e.g. no free seat). */
  @FunctionalInterface
  public interface Operation {
    boolean run() throws Exception;
  }

  @FunctionalInterface
  public interface Workers {
    Operation forWorker(int worker);
  }

  /** What a loop achieved. */
  public record Result(String name, int concurrency, long operations, long errors, double seconds, double[] latenciesMs,
      String firstError) {
    public double perSecond() {
      return operations / seconds;
    }

    public double p50() {
      return Stats.percentile(latenciesMs, 50);
    }

    public double p99() {
      return Stats.percentile(latenciesMs, 99);
    }
  }

  public static Result run(String name, int concurrency, Duration maxTime, long maxOperations, Workers workers)
      throws InterruptedException {
    AtomicLong budget = new AtomicLong(maxOperations);
    AtomicLong errors = new AtomicLong();
    String[] firstError = new String[1];
    List<long[]> latencies = new ArrayList<>();
    int[] counts = new int[concurrency];
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(concurrency);
    long[] deadline = new long[1];
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      int worker = w;
      long[] mine = new long[(int) Math.min(maxOperations, 2_000_000)];
      latencies.add(mine);
      Operation operation = workers.forWorker(worker);
      Thread thread = new Thread(() -> {
        try {
          start.await();
          while (System.nanoTime() < deadline[0] && budget.decrementAndGet() >= 0) {
            long t0 = System.nanoTime();
            boolean more;
            try {
              more = operation.run();
            } catch (Exception e) {
              if (errors.incrementAndGet() == 1) {
                firstError[0] = e.toString();
              }
              continue;
            }
            if (!more) {
              break;
            }
            if (counts[worker] < mine.length) {
              mine[counts[worker]] = System.nanoTime() - t0;
            }
            counts[worker]++;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      }, "load-" + name + "-" + w);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    long began = System.nanoTime();
    deadline[0] = began + maxTime.toNanos();
    start.countDown();
    done.await();
    double seconds = (System.nanoTime() - began) / 1e9;
    long total = 0;
    List<Double> all = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      total += counts[w];
      long[] mine = latencies.get(w);
      for (int i = 0; i < Math.min(counts[w], mine.length); i++) {
        all.add(mine[i] / 1e6);
      }
    }
    return new Result(name, concurrency, total, errors.get(), seconds, all.stream().mapToDouble(Double::doubleValue).toArray(),
        firstError[0]);
  }
}
