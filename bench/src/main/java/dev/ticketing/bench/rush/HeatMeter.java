package dev.ticketing.bench.rush;

import dev.ticketing.storage.FanOut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Benchmark-only SDK interceptor: the load on every partition, per one-second bucket. It asks
 * for {@code ReturnConsumedCapacity=INDEXES} on every request (production code never does) and
 * counts, per attempt sent, one request on each base-table partition key ({@code pk}: an item, or
 * a run of monotonic sort keys under one key, never splits, so per pk is the honest unit), on each
 * item (pk + sk) and on each gsi1 partition the request reads or its write rewrites ({@link Footprint});
 * the units a response reports are split as {@link ConsumedUnits} says.
 *
 * <p>Calls of the queue design run through {@link #measure}, which tags the requests they send with
 * the kind of call (join, poll, maintenance) and records the call's duration, so a window also
 * tells requests and units per call; the requests a call fans out through {@link FanOut}'s pool
 * are tagged with it too. Windows are whole seconds of the wall clock.
 */
public final class HeatMeter implements ExecutionInterceptor {
  private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");
  private static final ExecutionAttribute<Footprint> FOOTPRINT = new ExecutionAttribute<>("rush.footprint");
  private static final ExecutionAttribute<String> KIND = new ExecutionAttribute<>("rush.kind");

  /** The kind of call this thread is in: the thread's, whichever meter counts its requests. */
  private static final ThreadLocal<String> CALL_KIND = new ThreadLocal<>();

  static {
    // The maintenance sends most of its requests from FanOut's pool: they count under its call, not as "other".
    FanOut.carry(() -> {
      String callKind = CALL_KIND.get();
      return task -> () -> {
        String outer = CALL_KIND.get();
        CALL_KIND.set(callKind);
        try {
          task.run();
        } finally {
          CALL_KIND.set(outer);
        }
      };
    });
  }

  private final IndexShadow shadow;
  private final Map<Long, Second> seconds = new ConcurrentHashMap<>();

  /** The hottest key of one key space in a window: average over the window and its busiest second. */
  public record Hot(String key, double requestsPerSecond, double unitsPerSecond, long peakRequests, double peakUnits) {
    static final Hot NONE = new Hot("—", 0, 0, 0, 0);
  }

  /** Calls of one kind that ended in the window ({@code failed} of them with an exception), and what they sent. */
  public record Calls(String kind, long calls, long failed, long requests, double readUnits, double writeUnits, double meanMillis) {
    public long succeeded() {
      return calls - failed;
    }

    public double requestsPerCall() {
      return calls == 0 ? Double.NaN : (double) requests / calls;
    }

    public double readUnitsPerCall() {
      return calls == 0 ? Double.NaN : readUnits / calls;
    }

    public double writeUnitsPerCall() {
      return calls == 0 ? Double.NaN : writeUnits / calls;
    }
  }

  /** One measurement window. {@code requestsByOperation} counts attempts sent. */
  /**
   * @param sharedBasePartition the hottest base partition that more than one caller uses: not a
   *     user's own partition ({@code USER#}) nor a token's ({@code TOKEN#}), whose requests are
   *     that one caller's, paced by its own client and API Gateway, whatever the crowd does
   */
  public record Window(long seconds, double requestsPerSecond, Hot basePartition, Hot sharedBasePartition, Hot item,
      Hot indexPartition, Map<String, Calls> calls, Map<String, Long> requestsByOperation) {
    public Calls calls(String kind) {
      return calls.getOrDefault(kind, new Calls(kind, 0, 0, 0, 0, 0, Double.NaN));
    }

    /** The hotter of the hottest base partition and the hottest index partition, by requests per second. */
    public Hot hottest() {
      return indexPartition.requestsPerSecond() > basePartition.requestsPerSecond() ? indexPartition : basePartition;
    }
  }

  public HeatMeter(IndexShadow shadow) {
    this.shadow = shadow;
  }

  /** Runs one call of the design, tagging the requests it sends with {@code kind} and timing it. */
  public <T> T measure(String callKind, Supplier<T> call) {
    String outer = CALL_KIND.get();
    CALL_KIND.set(callKind);
    long started = System.nanoTime();
    boolean failed = true;
    try {
      T result = call.get();
      failed = false;
      return result;
    } finally {
      long nanos = System.nanoTime() - started;
      CALL_KIND.set(outer);
      KindCell cell = now().kinds.computeIfAbsent(callKind, k -> new KindCell());
      cell.calls.increment();
      cell.nanos.add(nanos);
      if (failed) {
        cell.failures.increment();
      }
    }
  }

  public void measure(String callKind, Runnable call) {
    measure(callKind, () -> {
      call.run();
      return null;
    });
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    String callKind = CALL_KIND.get();
    attributes.putAttribute(KIND, callKind == null ? "other" : callKind);
    return ConsumedUnits.askForIndexes(context.request());
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Footprint footprint = Footprint.of(operation, context.request(), shadow);
    attributes.putAttribute(FOOTPRINT, footprint);
    Second second = now();
    second.requests.increment();
    second.operations.computeIfAbsent(operation, k -> new LongAdder()).increment();
    second.kinds.computeIfAbsent(attributes.getAttribute(KIND), k -> new KindCell()).requests.increment();
    footprint.basePartitions().forEach(p -> second.cell(second.basePartitions, p).requests.increment());
    footprint.items().forEach(i -> second.cell(second.items, i).requests.increment());
    footprint.indexPartitions().forEach(p -> second.cell(second.indexPartitions, p).requests.increment());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Footprint footprint = attributes.getAttribute(FOOTPRINT);
    if (footprint == null) {
      return;
    }
    ConsumedUnits.Assignment units = ConsumedUnits.assign(footprint.elements(), ConsumedUnits.of(context.response()));
    Second second = now();
    for (int i = 0; i < footprint.elements().size(); i++) {
      Footprint.Element e = footprint.elements().get(i);
      if (e.pk() != null && units.basePerElement()[i] > 0) {
        second.cell(second.basePartitions, e.table() + "\u0000" + e.pk()).units.add(units.basePerElement()[i]);
        if (e.item() != null) {
          second.cell(second.items, e.table() + "\u0000" + e.item()).units.add(units.basePerElement()[i]);
        }
      }
    }
    units.indexByPartition().forEach((p, u) -> second.cell(second.indexPartitions, p).units.add(u));
    KindCell cell = second.kinds.computeIfAbsent(attributes.getAttribute(KIND), k -> new KindCell());
    (READS.contains(footprint.operation()) ? cell.readUnits : cell.writeUnits).add(units.total());
  }

  /** The window of whole seconds {@code [fromSecond, toSecond)} (epoch seconds). */
  public Window window(long fromSecond, long toSecond) {
    long length = Math.max(1, toSecond - fromSecond);
    List<Second> inWindow = new ArrayList<>();
    for (long s = fromSecond; s < toSecond; s++) {
      Second second = seconds.get(s);
      if (second != null) {
        inWindow.add(second);
      }
    }
    long requests = inWindow.stream().mapToLong(s -> s.requests.sum()).sum();
    Map<String, Calls> calls = new TreeMap<>();
    Map<String, long[]> callCounts = new HashMap<>();
    Map<String, double[]> sums = new HashMap<>();
    for (Second second : inWindow) {
      second.kinds.forEach((k, cell) -> {
        long[] c = callCounts.computeIfAbsent(k, x -> new long[3]);
        c[0] += cell.calls.sum();
        c[1] += cell.requests.sum();
        c[2] += cell.failures.sum();
        double[] u = sums.computeIfAbsent(k, x -> new double[3]);
        u[0] += cell.readUnits.sum();
        u[1] += cell.writeUnits.sum();
        u[2] += cell.nanos.sum();
      });
    }
    callCounts.forEach((k, c) -> {
      double[] u = sums.get(k);
      calls.put(k, new Calls(k, c[0], c[2], c[1], u[0], u[1], c[0] == 0 ? Double.NaN : u[2] / c[0] / 1e6));
    });
    Map<String, Long> byOperation = new TreeMap<>();
    inWindow.forEach(s -> s.operations.forEach((op, n) -> byOperation.merge(op, n.sum(), Long::sum)));
    return new Window(length, (double) requests / length,
        hottest(inWindow, s -> s.basePartitions, length, KeyLabel::ofPartition, key -> true),
        hottest(inWindow, s -> s.basePartitions, length, KeyLabel::ofPartition, HeatMeter::isShared),
        hottest(inWindow, s -> s.items, length, KeyLabel::ofItem, key -> true),
        hottest(inWindow, s -> s.indexPartitions, length, KeyLabel::ofPartition, key -> true),
        calls, byOperation);
  }

  /** Where a key was counted: its base-table partition, its item, or the index partitions. */
  enum Space { BASE_PARTITION, ITEM, INDEX_PARTITION }

  /** Requests per key (table, NUL, key) of one space in {@code [fromSecond, toSecond)}: for checks. */
  Map<String, Long> requests(Space space, long fromSecond, long toSecond) {
    Map<String, Long> counted = new TreeMap<>();
    for (long s = fromSecond; s < toSecond; s++) {
      Second second = seconds.get(s);
      if (second != null) {
        second.space(space).forEach((key, cell) -> counted.merge(key, cell.requests.sum(), Long::sum));
      }
    }
    return counted;
  }

  /** Units per key, as {@link #requests}. */
  Map<String, Double> units(Space space, long fromSecond, long toSecond) {
    Map<String, Double> counted = new TreeMap<>();
    for (long s = fromSecond; s < toSecond; s++) {
      Second second = seconds.get(s);
      if (second != null) {
        second.space(space).forEach((key, cell) -> counted.merge(key, cell.units.sum(), Double::sum));
      }
    }
    return counted;
  }

  /** Forgets every bucket (between measurement points). */
  public void clear() {
    seconds.clear();
  }

  /** Whether a counted key (table, NUL, partition key) is shared by callers, not one user's or one token's own. */
  static boolean isShared(String key) {
    String partition = key.substring(key.indexOf('\u0000') + 1);
    return !partition.startsWith("TOKEN#") && !partition.startsWith("USER#");
  }

  private Hot hottest(List<Second> inWindow, java.util.function.Function<Second, Map<String, Cell>> space, long length,
      java.util.function.Function<String, String> label, java.util.function.Predicate<String> counted) {
    Map<String, double[]> totals = new LinkedHashMap<>();  // requests, units, peak requests, peak units
    for (Second second : inWindow) {
      space.apply(second).forEach((key, cell) -> {
        if (!counted.test(key)) {
          return;
        }
        double[] t = totals.computeIfAbsent(key, k -> new double[4]);
        long r = cell.requests.sum();
        double u = cell.units.sum();
        t[0] += r;
        t[1] += u;
        t[2] = Math.max(t[2], r);
        t[3] = Math.max(t[3], u);
      });
    }
    return totals.entrySet().stream()
        .max(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[0]).thenComparingDouble(e -> e.getValue()[1]))
        .map(e -> new Hot(label.apply(e.getKey()), e.getValue()[0] / length, e.getValue()[1] / length, (long) e.getValue()[2],
            e.getValue()[3]))
        .orElse(Hot.NONE);
  }

  private Second now() {
    return seconds.computeIfAbsent(System.currentTimeMillis() / 1000, s -> new Second());
  }

  private static final class Second {
    final LongAdder requests = new LongAdder();
    final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    final Map<String, Cell> basePartitions = new ConcurrentHashMap<>();
    final Map<String, Cell> items = new ConcurrentHashMap<>();
    final Map<String, Cell> indexPartitions = new ConcurrentHashMap<>();
    final Map<String, KindCell> kinds = new ConcurrentHashMap<>();

    Map<String, Cell> space(Space space) {
      return switch (space) {
        case BASE_PARTITION -> basePartitions;
        case ITEM -> items;
        case INDEX_PARTITION -> indexPartitions;
      };
    }

    Cell cell(Map<String, Cell> space, String key) {
      return space.computeIfAbsent(key, k -> new Cell());
    }
  }

  private static final class Cell {
    final LongAdder requests = new LongAdder();
    final DoubleAdder units = new DoubleAdder();
  }

  private static final class KindCell {
    final LongAdder calls = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final DoubleAdder readUnits = new DoubleAdder();
    final DoubleAdder writeUnits = new DoubleAdder();
  }
}
