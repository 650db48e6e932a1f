package dev.ticketing.testing.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The SDK client's timers (its attempt and call timeouts: {@code ClientOverrideConfiguration
 * .scheduledExecutorService}), which an attempt the fault proxy stalls reaches at once.
 *
 * <p>Every timer runs on a real scheduler, as the SDK's own would, so a healthy attempt that is
 * slow times out in real time exactly as before. A stalled attempt gets no answer at all: all it
 * can do is wait for the next of its thread's timers to fire, which is what {@link #stall} does
 * without the wait. Each calling thread keeps its own count of the time it spent stalled, and the
 * SDK's timers are set from the calling thread (a sync call and its retries run on one thread): so
 * a call's timeout fires after as many stalled attempts as in real time (five attempt timeouts of
 * 300 ms fill a call timeout of 1.5 s), and a stall never fires another thread's timers.
 */
final class StallableTimers implements ScheduledExecutorService {
  private final ScheduledExecutorService real = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sdk-timeouts");
    t.setDaemon(true);
    return t;
  });
  private final Map<Thread, Lane> lanes = new ConcurrentHashMap<>();

  /** One calling thread's timers, and how long (in milliseconds) it has spent stalled. */
  private static final class Lane {
    long stalledMillis;
    final List<Timer> pending = new ArrayList<>();
  }

  /** One timer: runs its task at most once, at its real delay or when a stall reaches its deadline. */
  private static final class Timer {
    final Lane lane;
    final long deadline;
    final Runnable task;
    final AtomicBoolean ran = new AtomicBoolean();

    Timer(Lane lane, long deadline, Runnable task) {
      this.lane = lane;
      this.deadline = deadline;
      this.task = task;
    }

    void fire() {
      synchronized (lane) {
        lane.pending.remove(this);
      }
      if (ran.compareAndSet(false, true)) {
        task.run();
      }
    }
  }

  /**
   * The attempt of {@code caller} under way will get no answer: its thread's clock moves on to its
   * next deadline, and every timer of that thread due by then fires now, earliest first (on the
   * calling thread: the SDK's tasks interrupt the thread and abort its request, as in real time).
   * False when the thread has no timer waiting (the client sets none).
   */
  boolean stall(Thread caller) {
    Lane lane = lanes.get(caller);
    if (lane == null) {
      return false;
    }
    List<Timer> due = new ArrayList<>();
    synchronized (lane) {
      if (lane.pending.isEmpty()) {
        return false;
      }
      long next = lane.pending.stream().mapToLong(t -> t.deadline).min().orElseThrow();
      lane.stalledMillis = Math.max(lane.stalledMillis, next);
      for (Timer timer : lane.pending) {
        if (timer.deadline <= lane.stalledMillis) {
          due.add(timer);
        }
      }
    }
    due.sort(Comparator.comparingLong(t -> t.deadline));
    due.forEach(Timer::fire);
    return true;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Lane lane = lanes.computeIfAbsent(Thread.currentThread(), t -> new Lane());
    Timer timer;
    synchronized (lane) {
      timer = new Timer(lane, lane.stalledMillis + unit.toMillis(delay), command);
      lane.pending.add(timer);
    }
    ScheduledFuture<?> scheduled = real.schedule(timer::fire, delay, unit);
    return new ScheduledFuture<Object>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        synchronized (lane) {
          lane.pending.remove(timer);
        }
        return scheduled.cancel(mayInterruptIfRunning);
      }

      @Override
      public long getDelay(TimeUnit u) {
        return scheduled.getDelay(u);
      }

      @Override
      public int compareTo(Delayed other) {
        return scheduled.compareTo(other);
      }

      @Override
      public boolean isCancelled() {
        return scheduled.isCancelled();
      }

      @Override
      public boolean isDone() {
        return scheduled.isDone() || timer.ran.get();
      }

      @Override
      public Object get() throws InterruptedException, ExecutionException {
        return scheduled.get();
      }

      @Override
      public Object get(long timeout, TimeUnit u) throws InterruptedException, ExecutionException, TimeoutException {
        return scheduled.get(timeout, u);
      }
    };
  }

  // Everything else as a plain scheduler: the SDK's sync clients only set timeouts with schedule.

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return real.schedule(callable, delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return real.scheduleAtFixedRate(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return real.scheduleWithFixedDelay(command, initialDelay, delay, unit);
  }

  @Override
  public void shutdown() {
    real.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return real.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return real.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return real.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return real.awaitTermination(timeout, unit);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return real.submit(task);
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return real.submit(task, result);
  }

  @Override
  public Future<?> submit(Runnable task) {
    return real.submit(task);
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
    return real.invokeAll(tasks);
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    return real.invokeAll(tasks, timeout, unit);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
    return real.invokeAny(tasks);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return real.invokeAny(tasks, timeout, unit);
  }

  @Override
  public void execute(Runnable command) {
    real.execute(command);
  }
}
