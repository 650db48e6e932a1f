package dev.ticketing.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Independent storage requests sent side by side: the scheduled maintenance queries every shard
 * of the index of new arrivals and writes hundreds of tokens a round, each a few milliseconds of
 * waiting on the network. A fixed pool of daemon threads, started on first use, so functions that
 * never fan out pay nothing for it. A failure of any request fails the whole call, after the
 * others have ended.
 */
@Singleton
public final class FanOut {
  /** In flight at once; the maintenance function raises the JDK's kept-alive connections to match. */
  static final int PARALLELISM = 16;

  /**
   * Carries what a calling thread keeps for itself (a thread-local) over to the pool threads that
   * send its requests. Production keeps nothing per thread and never sets one; the benchmarks'
   * meter tags each request with the call that sent it through a thread-local, and without this
   * would count every request sent from the pool as no call's.
   */
  @FunctionalInterface
  public interface Carrier {
    Carrier NONE = () -> task -> task;

    /** Called on the calling thread: what wraps each of its tasks to run, on a pool thread, as if on the caller's. */
    UnaryOperator<Runnable> capture();
  }

  private static volatile Carrier carrier = Carrier.NONE;

  private volatile ExecutorService pool;

  @Inject
  public FanOut() {}

  /** Every fan-out from now on carries the caller's context with {@code with} (the benchmarks' meter). */
  public static void carry(Carrier with) {
    carrier = Objects.requireNonNull(with);
  }

  /** {@code request} applied to every input, in parallel; the results in the inputs' order. */
  public <T, R> List<R> map(List<T> inputs, Function<T, R> request) {
    if (inputs.size() <= 1) {
      return inputs.stream().map(request).toList();
    }
    UnaryOperator<Runnable> asCaller = carrier.capture();
    List<Future<R>> futures = new ArrayList<>(inputs.size());
    for (T input : inputs) {
      FutureTask<R> task = new FutureTask<>(() -> request.apply(input));
      pool().execute(asCaller.apply(task));
      futures.add(task);
    }
    List<R> results = new ArrayList<>(inputs.size());
    RuntimeException failure = null;
    for (Future<R> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        failure = failure != null ? failure
            : e.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for storage", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private ExecutorService pool() {
    ExecutorService current = pool;
    if (current == null) {
      synchronized (this) {
        if (pool == null) {
          pool = Executors.newFixedThreadPool(PARALLELISM, runnable -> {
            Thread thread = new Thread(runnable, "storage-fan-out");
            thread.setDaemon(true);
            return thread;
          });
        }
        current = pool;
      }
    }
    return current;
  }
}
