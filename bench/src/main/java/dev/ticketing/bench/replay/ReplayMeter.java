package dev.ticketing.bench.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts what one client sends: one meter per role (joins, rounds, polls), each on its own client,
 * so a request is attributed by the client that sent it and not by a thread. That is what lets the
 * same harness run on code older than the FanOut carrier, whose pool threads carry no tag: a round's
 * fan-out is on the round's client whatever thread sends it.
 *
 * <p>Counts attempts (a retried request counts each time it is sent), the write and read units the
 * responses report, and requests per item: by base-table key (pk and sk), or for a query by its
 * index and partition. Each request is tagged with the driver's current virtual second and round
 * epoch, so the growth of an item's load can be compared between a busy and a quiet part of the rush.
 * A round's requests can also be recorded with their wall-clock intervals, to count its waves.
 */
final class ReplayMeter implements ExecutionInterceptor {
  /**
   * One request's wall-clock span, for counting a round's sequential waves; {@code activation}: a
   * write that stored a token's activation (an UpdateItem setting its activatedAt that succeeded).
   */
  record Span(long startNanos, long endNanos, boolean activation) {
    Span(long startNanos, long endNanos) {
      this(startNanos, endNanos, false);
    }
  }

  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("replay-started");

  final String role;
  private final LongAdder requests = new LongAdder();
  private final DoubleAdder writeUnits = new DoubleAdder();
  private final DoubleAdder readUnits = new DoubleAdder();
  /** Of {@link #writeUnits}, those of writes that make a token ACTIVE or EXPIRED: admission's, per admitted user. */
  private final DoubleAdder admissionWriteUnits = new DoubleAdder();
  /** Requests per item over the whole run (items keyed by a user, USER#..., are left out: many, never shared). */
  private final Map<String, LongAdder> perItem = new ConcurrentHashMap<>();
  /** Requests per (item, epoch), for items not owned by one user (not TOKEN#/USER#). */
  private final Map<String, LongAdder> perItemEpoch = new ConcurrentHashMap<>();
  /** Writes per (item, second), items not owned by one user: a join's hottest shared write. */
  private final Map<String, LongAdder> writesPerItemSecond = new ConcurrentHashMap<>();
  /** Requests per (kind of item, reads or writes, epoch): keys with their ids and numbers left out. */
  private final Map<String, LongAdder> perKindEpoch = new ConcurrentHashMap<>();
  /** Items written with an index key (gsi1pk, gsi2pk, ...), per (index partition, second). */
  private final Map<String, LongAdder> indexWritesPerPartitionSecond = new ConcurrentHashMap<>();
  private final Map<Long, LongAdder> requestsPerEpoch = new ConcurrentHashMap<>();
  /** Write units per (kind of the first item written, epoch): where a round's write units go. */
  private final Map<String, DoubleAdder> writeUnitsPerKindEpoch = new ConcurrentHashMap<>();
  private final Map<Long, DoubleAdder> writeUnitsPerEpoch = new ConcurrentHashMap<>();
  private volatile long second;
  private volatile long epoch;
  private volatile List<Span> spans;

  ReplayMeter(String role) {
    this.role = role;
  }

  /** Tags every request from now on: the virtual second (from the opening) and the round epoch. */
  void tag(long second, long epoch) {
    this.second = second;
    this.epoch = epoch;
  }

  /** Starts recording request spans (a round's); {@link #stopSpans} hands them back. */
  void recordSpans() {
    spans = java.util.Collections.synchronizedList(new ArrayList<>());
  }

  List<Span> stopSpans() {
    List<Span> recorded = spans;
    spans = null;
    return recorded == null ? List.of() : new ArrayList<>(recorded);
  }

  /** Forgets everything counted so far (the set-up before the replay). */
  void reset() {
    requests.reset();
    writeUnits.reset();
    readUnits.reset();
    admissionWriteUnits.reset();
    perItem.clear();
    perItemEpoch.clear();
    writesPerItemSecond.clear();
    indexWritesPerPartitionSecond.clear();
    perKindEpoch.clear();
    requestsPerEpoch.clear();
    writeUnitsPerKindEpoch.clear();
    writeUnitsPerEpoch.clear();
  }

  long requests() {
    return requests.sum();
  }

  double writeUnits() {
    return writeUnits.sum();
  }

  double readUnits() {
    return readUnits.sum();
  }

  /**
   * Write units of the writes that turn a token ACTIVE (an admission) or EXPIRED (the end of an
   * admitted session): one or two per admitted user, bounded by the sale's capacity rather than by
   * the crowd, so told apart from placement's per-round writes.
   */
  double admissionWriteUnits() {
    return admissionWriteUnits.sum();
  }

  long requestsInEpoch(long e) {
    LongAdder n = requestsPerEpoch.get(e);
    return n == null ? 0 : n.sum();
  }

  double writeUnitsInEpoch(long e) {
    DoubleAdder n = writeUnitsPerEpoch.get(e);
    return n == null ? 0 : n.sum();
  }

  Map<String, LongAdder> perItem() {
    return perItem;
  }

  long onItemInEpoch(String item, long e) {
    LongAdder n = perItemEpoch.get(item + "@" + e);
    return n == null ? 0 : n.sum();
  }

  Map<String, LongAdder> writesPerItemSecond() {
    return writesPerItemSecond;
  }

  /** Requests on each kind of item in {@code e}, e.g. "write TOKEN#*|TOKEN" -> 100. */
  Map<String, Long> kindsInEpoch(long e) {
    Map<String, Long> kinds = new java.util.TreeMap<>();
    String suffix = "@" + e;
    perKindEpoch.forEach((key, n) -> {
      if (key.endsWith(suffix)) {
        kinds.put(key.substring(0, key.length() - suffix.length()), n.sum());
      }
    });
    return kinds;
  }

  /** Write units in {@code e} by the kind of item each write (its first item) went to. */
  Map<String, Double> writeUnitsByKindInEpoch(long e) {
    Map<String, Double> kinds = new java.util.TreeMap<>();
    String suffix = "@" + e;
    writeUnitsPerKindEpoch.forEach((key, n) -> {
      if (key.endsWith(suffix)) {
        kinds.merge(key.substring(0, key.length() - suffix.length()), n.sum(), Double::sum);
      }
    });
    return kinds;
  }

  static String kindOf(String item) {
    if (item.startsWith("TOKEN#") || item.startsWith("USER#")) {
      return item.substring(0, item.indexOf('#') + 1) + "*" + item.substring(item.indexOf('|'));
    }
    return item.replaceAll("#[0-9a-f]{6,}(?=[#|]|$)", "#*").replaceAll("#[0-9]+(?=[#|]|$)", "#n").replaceAll("\\|[0-9]+$", "|n");
  }

  Map<String, LongAdder> indexWritesPerPartitionSecond() {
    return indexWritesPerPartitionSecond;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    return withCapacity(context.request());
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED, System.nanoTime());
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    // Each attempt is a request DynamoDB serves (and may throttle): count it, and on each item.
    SdkRequest request = context.request();
    long e = epoch;
    long s = second;
    requests.increment();
    requestsPerEpoch.computeIfAbsent(e, k -> new LongAdder()).increment();
    boolean write = isWrite(request);
    for (String item : items(request)) {
      perKindEpoch.computeIfAbsent((write ? "write " : "read ") + kindOf(item) + "@" + e, k -> new LongAdder()).increment();
      boolean ownedByUser = item.startsWith("USER#") || item.startsWith("TOKEN#");
      if (!item.startsWith("USER#")) {
        perItem.computeIfAbsent(item, k -> new LongAdder()).increment();
      }
      if (!ownedByUser) {
        perItemEpoch.computeIfAbsent(item + "@" + e, k -> new LongAdder()).increment();
        if (write) {
          writesPerItemSecond.computeIfAbsent(item + "@" + s, k -> new LongAdder()).increment();
        }
      }
    }
    for (String partition : indexPartitionsWritten(request)) {
      indexWritesPerPartitionSecond.computeIfAbsent(partition + "@" + s, k -> new LongAdder()).increment();
    }
  }

  /** The index partitions that items put whole (PutItem, in a transaction or a batch) enter: their gsi*pk values. */
  private static List<String> indexPartitionsWritten(SdkRequest request) {
    List<Map<String, AttributeValue>> puts = new ArrayList<>();
    if (request instanceof PutItemRequest r) {
      puts.add(r.item());
    } else if (request instanceof TransactWriteItemsRequest r) {
      r.transactItems().forEach(t -> {
        if (t.put() != null) {
          puts.add(t.put().item());
        }
      });
    } else if (request instanceof BatchWriteItemRequest r) {
      r.requestItems().values().forEach(writes -> writes.forEach(w -> {
        if (w.putRequest() != null) {
          puts.add(w.putRequest().item());
        }
      }));
    }
    List<String> partitions = new ArrayList<>();
    for (Map<String, AttributeValue> item : puts) {
      item.forEach((name, value) -> {
        if (name.startsWith("gsi") && name.endsWith("pk")) {
          partitions.add("index:" + name + ":" + text(value));
        }
      });
    }
    return partitions;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    double units = 0;
    for (ConsumedCapacity c : capacities(context.response())) {
      units += c.capacityUnits() == null ? 0 : c.capacityUnits();
    }
    if (isWrite(context.request())) {
      writeUnits.add(units);
      if (isAdmissionWrite(context.request())) {
        admissionWriteUnits.add(units);
      }
      writeUnitsPerEpoch.computeIfAbsent(epoch, k -> new DoubleAdder()).add(units);
      List<String> written = items(context.request());
      String kind = written.isEmpty() ? "?" : kindOf(written.get(0)) + (written.size() > 1 ? " (+" + (written.size() - 1) + ")" : "");
      writeUnitsPerKindEpoch.computeIfAbsent(kind + "@" + epoch, k -> new DoubleAdder()).add(units);
    } else {
      readUnits.add(units);
    }
    span(attributes, context.request() instanceof UpdateItemRequest update && update.updateExpression() != null
        && update.updateExpression().contains("activatedAt = "));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    // A refused write (a condition that failed) also costs units, but DynamoDB reports none with the
    // error: counted as a request only.
    span(attributes, false);
  }

  private void span(ExecutionAttributes attributes, boolean activation) {
    List<Span> recording = spans;
    Long started = attributes.getAttribute(STARTED);
    if (recording != null && started != null) {
      recording.add(new Span(started, System.nanoTime(), activation));
    }
  }

  private static boolean isWrite(SdkRequest r) {
    return r instanceof PutItemRequest || r instanceof UpdateItemRequest || r instanceof DeleteItemRequest
        || r instanceof BatchWriteItemRequest || r instanceof TransactWriteItemsRequest;
  }

  /**
   * Whether the request sets a token's status to ACTIVE or EXPIRED (an UpdateItem, alone or in a
   * transaction, on a TOKEN# key with one of those values): by what it writes, not by its
   * expression's wording, so the control's older code is told apart the same way. Placement never
   * writes a status; the draw's and the old per-user placement's token writes are not these.
   */
  static boolean isAdmissionWrite(SdkRequest request) {
    if (request instanceof UpdateItemRequest r) {
      return setsAdmittedStatus(r.key(), r.hasExpressionAttributeValues() ? r.expressionAttributeValues() : Map.of());
    } else if (request instanceof TransactWriteItemsRequest r) {
      return r.transactItems().stream().anyMatch(t -> t.update() != null && setsAdmittedStatus(t.update().key(),
          t.update().hasExpressionAttributeValues() ? t.update().expressionAttributeValues() : Map.of()));
    }
    return false;
  }

  private static boolean setsAdmittedStatus(Map<String, AttributeValue> key, Map<String, AttributeValue> values) {
    AttributeValue pk = key.get("pk");
    return pk != null && pk.s() != null && pk.s().startsWith("TOKEN#") && values.values().stream()
        .anyMatch(v -> "ACTIVE".equals(v.s()) || "EXPIRED".equals(v.s()));
  }

  /** The request with ReturnConsumedCapacity=TOTAL (benchmark clients only; production never asks). */
  private static SdkRequest withCapacity(SdkRequest request) {
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    if (request instanceof GetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof PutItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof UpdateItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof DeleteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof QueryRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof ScanRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof BatchGetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof BatchWriteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof TransactWriteItemsRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof TransactGetItemsRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    }
    return request;
  }

  private static List<ConsumedCapacity> capacities(SdkResponse response) {
    List<ConsumedCapacity> all = new ArrayList<>();
    if (response instanceof GetItemResponse r && r.consumedCapacity() != null) {
      all.add(r.consumedCapacity());
    } else if (response instanceof PutItemResponse r && r.consumedCapacity() != null) {
      all.add(r.consumedCapacity());
    } else if (response instanceof UpdateItemResponse r && r.consumedCapacity() != null) {
      all.add(r.consumedCapacity());
    } else if (response instanceof DeleteItemResponse r && r.consumedCapacity() != null) {
      all.add(r.consumedCapacity());
    } else if (response instanceof QueryResponse r && r.consumedCapacity() != null) {
      all.add(r.consumedCapacity());
    } else if (response instanceof ScanResponse r && r.consumedCapacity() != null) {
      all.add(r.consumedCapacity());
    } else if (response instanceof BatchGetItemResponse r && r.hasConsumedCapacity()) {
      all.addAll(r.consumedCapacity());
    } else if (response instanceof BatchWriteItemResponse r && r.hasConsumedCapacity()) {
      all.addAll(r.consumedCapacity());
    } else if (response instanceof TransactWriteItemsResponse r && r.hasConsumedCapacity()) {
      all.addAll(r.consumedCapacity());
    } else if (response instanceof TransactGetItemsResponse r && r.hasConsumedCapacity()) {
      all.addAll(r.consumedCapacity());
    }
    return all;
  }

  /** The items a request names: base-table keys as "pk|sk", a query as "query:index:partition". */
  static List<String> items(SdkRequest request) {
    List<String> items = new ArrayList<>();
    if (request instanceof GetItemRequest r) {
      items.add(key(r.key()));
    } else if (request instanceof PutItemRequest r) {
      items.add(key(r.item()));
    } else if (request instanceof UpdateItemRequest r) {
      items.add(key(r.key()));
    } else if (request instanceof DeleteItemRequest r) {
      items.add(key(r.key()));
    } else if (request instanceof TransactWriteItemsRequest r) {
      r.transactItems().forEach(t -> {
        if (t.put() != null) {
          items.add(key(t.put().item()));
        } else if (t.update() != null) {
          items.add(key(t.update().key()));
        } else if (t.delete() != null) {
          items.add(key(t.delete().key()));
        } else if (t.conditionCheck() != null) {
          items.add(key(t.conditionCheck().key()));
        }
      });
    } else if (request instanceof TransactGetItemsRequest r) {
      r.transactItems().forEach(t -> items.add(key(t.get().key())));
    } else if (request instanceof BatchGetItemRequest r) {
      r.requestItems().values().forEach(k -> k.keys().forEach(key -> items.add(key(key))));
    } else if (request instanceof BatchWriteItemRequest r) {
      r.requestItems().values().forEach(writes -> writes.forEach(w -> items.add(
          w.putRequest() != null ? key(w.putRequest().item()) : key(w.deleteRequest().key()))));
    } else if (request instanceof QueryRequest r) {
      items.add("query:" + (r.indexName() == null ? "table" : r.indexName()) + ":" + partitionOf(r));
    } else if (request instanceof ScanRequest r) {
      items.add("scan:" + (r.indexName() == null ? "table" : r.indexName()));
    }
    return items;
  }

  private static String key(Map<String, AttributeValue> key) {
    AttributeValue pk = key.get("pk");
    AttributeValue sk = key.get("sk");
    return (pk == null ? "?" : text(pk)) + "|" + (sk == null ? "" : text(sk));
  }

  private static String text(AttributeValue v) {
    return v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v);
  }

  /** The value the key condition's first equality compares with: the queried partition. */
  private static String partitionOf(QueryRequest r) {
    String condition = r.keyConditionExpression();
    if (condition == null) {
      return "?";
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("=\\s*(:[A-Za-z0-9_]+)").matcher(condition);
    if (m.find() && r.hasExpressionAttributeValues()) {
      AttributeValue v = r.expressionAttributeValues().get(m.group(1));
      return v == null ? "?" : text(v);
    }
    return "?";
  }
}
