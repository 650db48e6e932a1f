package dev.ticketing.bench.rush;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Benchmark-only SDK interceptor: every successful write, per kind of item (the partition key's
 * prefix, e.g. {@code TOKEN#}, {@code QUEUE#}, {@code QDRAWTOK#}) and per gsi1 partition kind,
 * with how many distinct items (partitions) were written and the most writes any one of them took.
 * It tells whether some item is written once per user: a kind whose hottest item takes about as
 * many writes as there are users.
 */
final class WriteTally implements ExecutionInterceptor {
  /** Writes of one kind: how many, to how many distinct items, and the most to one of them. */
  record Kind(String kind, long writes, long items, long mostOnOne) {}

  private static final ExecutionAttribute<Footprint> PENDING = new ExecutionAttribute<>("draw.tally");

  private final IndexShadow shadow;
  private final Map<String, LongAdder> itemWrites = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> indexWrites = new ConcurrentHashMap<>();
  private volatile boolean counting;

  WriteTally(IndexShadow shadow) {
    this.shadow = shadow;
  }

  /** Forgets what was counted and counts from now on. */
  void start() {
    itemWrites.clear();
    indexWrites.clear();
    counting = true;
  }

  void stop() {
    counting = false;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    // The index partitions a write leaves are known only before the shadow records it (after execution).
    if (!counting) {
      return;
    }
    Footprint footprint = Footprint.of(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request(), shadow);
    attributes.putAttribute(PENDING, footprint);
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Footprint footprint = attributes.getAttribute(PENDING);
    if (footprint == null || !footprint.write()) {
      return;
    }
    for (Footprint.Element e : footprint.elements()) {
      if (e.item() != null) {
        itemWrites.computeIfAbsent(e.item(), k -> new LongAdder()).increment();
      }
      e.indexPartitions().forEach(p -> indexWrites.computeIfAbsent(p, k -> new LongAdder()).increment());
    }
  }

  /** Item writes by kind, most writes first. */
  List<Kind> items() {
    return byKind(itemWrites, true);
  }

  /** gsi1 partition writes by kind (an entry entering or leaving counts on its partition). */
  List<Kind> indexPartitions() {
    return byKind(indexWrites, false);
  }

  private static List<Kind> byKind(Map<String, LongAdder> counted, boolean items) {
    Map<String, long[]> kinds = new java.util.TreeMap<>();
    counted.forEach((key, adder) -> {
      long[] k = kinds.computeIfAbsent(kindOf(key, items), x -> new long[3]);
      long n = adder.sum();
      k[0] += n;
      k[1]++;
      k[2] = Math.max(k[2], n);
    });
    return kinds.entrySet().stream().map(e -> new Kind(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
        .sorted(Comparator.comparingLong(Kind::writes).reversed()).toList();
  }

  /** {@code TOKEN#… / TOKEN}, {@code QBATCH#<concert>#<block>} shown as {@code QBATCH#… / …}: the kind, never a secret. */
  private static String kindOf(String key, boolean item) {
    String pk = item ? key.substring(0, key.indexOf('\u0000')) : key;
    int hash = pk.indexOf('#');
    String prefix = hash < 0 ? pk : pk.substring(0, hash + 1) + "…";
    if (!item) {
      return prefix;
    }
    String sk = key.substring(key.indexOf('\u0000') + 1);
    return prefix + " / " + (sk.matches("[A-Z]+") ? sk : "…");
  }
}
