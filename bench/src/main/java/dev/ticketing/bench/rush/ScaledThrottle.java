package dev.ticketing.bench.rush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * DynamoDB's per-partition limits, scaled down (by default 1/100: 10 write units and 30 read
 * units per second per base-table partition key and per gsi1 partition, each a token bucket with
 * one second of burst), answered the way DynamoDB answers when a partition is out of capacity.
 *
 * <p>The decision is taken per attempt, the SDK's own retries included. As {@code FaultInjector} in
 * the tests does, the interceptor marks every call in {@code modifyHttpRequest}; the call's attempts
 * then pass the client's HTTP layer, {@link #httpClient wrapped} by this class, which answers a
 * throttled attempt itself (an HTTP response as DynamoDB would send, parsed by the SDK as any other)
 * and sends the others on to the engine. (A loopback responder that forwards to the engine, as
 * FaultInjector's, was tried first: under the rush's thousands of concurrent calls it saturated this
 * 2-core machine, with attempts timing out at the responder, and measured itself, not the design.)
 * A throttled attempt is answered:
 * <ul>
 *   <li>a single-item read or write, or a query: HTTP 400 {@code ProvisionedThroughputExceededException};
 *   <li>a base-table write whose gsi1 partition (old or new) is out of write capacity is throttled
 *       too, with DynamoDB's message for an index that cannot keep up (back-pressure);
 *   <li>BatchGetItem: the keys of throttled partitions come back as {@code UnprocessedKeys}; the
 *       exception only when every key is throttled;
 *   <li>TransactWriteItems: {@code TransactionCanceledException} whose CancellationReasons say
 *       {@code ThrottlingError} for each throttled item and {@code None} for the others (the SDK does
 *       not retry it; neither does DynamoDB's own client).
 * </ul>
 * Units are estimated before an attempt ({@link Footprint}) and settled from the consumed capacity
 * the response reports. A throttled attempt consumes nothing; a refused conditional write keeps its
 * estimate, as DynamoDB charges it. Use both: {@code .httpClient(throttle.httpClient(urlConnectionClient))}
 * and {@code addExecutionInterceptor(throttle)} on the same client.
 */
public final class ScaledThrottle implements ExecutionInterceptor, AutoCloseable {
  /** DynamoDB's documented per-partition limits, per second. */
  public static final double PARTITION_WRITE_UNITS = 1_000;
  public static final double PARTITION_READ_UNITS = 3_000;
  private static final String PLAN_HEADER = "x-rush-throttle-plan";
  private static final ExecutionAttribute<Plan> PLAN = new ExecutionAttribute<>("rush.throttle.plan");
  private static final String TYPE_PREFIX = "com.amazonaws.dynamodb.v20120810#";
  private static final String TABLE_MESSAGE = "Throughput exceeds the current capacity of your table or index. DynamoDB is "
      + "automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key.";
  private static final String INDEX_MESSAGE = "Throughput exceeds the current capacity for one or more global secondary indexes. "
      + "DynamoDB is automatically scaling your index so please try again shortly.";

  private final IndexShadow shadow;
  private final double writeUnitsPerSecond;
  private final double readUnitsPerSecond;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();
  private final AtomicLong planIds = new AtomicLong();
  private final Map<String, TokenBucket> buckets = new HashMap<>();
  private final Map<String, Counts> counts = new ConcurrentHashMap<>();
  private volatile boolean armed;

  /** Attempts of one operation, and how many were answered throttled (of them for an index partition). */
  public record Attempts(long attempts, long throttled, long throttledForIndex) {}

  /** One call on its way: what it touches, and what its last attempt let through was charged. */
  private static final class Plan {
    final String id;
    final Footprint footprint;
    volatile Map<String, Double> charged = Map.of();
    volatile List<Footprint.Element> processed = List.of();

    Plan(String id, Footprint footprint) {
      this.id = id;
      this.footprint = footprint;
    }
  }

  private static final class Counts {
    final LongAdder attempts = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder throttledForIndex = new LongAdder();
  }

  /** What becomes of one attempt. */
  private sealed interface Decision {
    record Pass(Map<String, Double> charged, List<Footprint.Element> processed, byte[] body, ObjectNode unprocessed)
        implements Decision {}

    record Throttle(boolean forIndex) implements Decision {}

    record CancelTransaction(List<String> reasons, boolean forIndex) implements Decision {}
  }

  /** {@code scale}: the share of DynamoDB's per-partition limits to allow, e.g. 0.01. */
  public ScaledThrottle(IndexShadow shadow, double scale) {
    this.shadow = shadow;
    this.writeUnitsPerSecond = PARTITION_WRITE_UNITS * scale;
    this.readUnitsPerSecond = PARTITION_READ_UNITS * scale;
  }

  /** The HTTP layer for a client that has this throttle among its interceptors: {@code delegate} reaches the engine. */
  public SdkHttpClient httpClient(SdkHttpClient delegate) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        Plan plan = request.httpRequest().firstMatchingHeader(PLAN_HEADER).map(plans::get).orElse(null);
        return plan == null ? delegate.prepareRequest(request) : attempt(plan, request, delegate);
      }

      @Override
      public String clientName() {
        return delegate.clientName();
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }

  public double writeUnitsPerSecond() {
    return writeUnitsPerSecond;
  }

  public double readUnitsPerSecond() {
    return readUnitsPerSecond;
  }

  /** From now on calls go through the throttle (calls already under way keep their route). */
  public void arm() {
    armed = true;
  }

  public void disarm() {
    armed = false;
  }

  /** Attempts and throttled attempts per operation since the start. */
  public Map<String, Attempts> attempts() {
    Map<String, Attempts> copy = new TreeMap<>();
    counts.forEach((op, c) -> copy.put(op, new Attempts(c.attempts.sum(), c.throttled.sum(), c.throttledForIndex.sum())));
    return copy;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    return ConsumedUnits.askForIndexes(context.request());
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    if (!armed) {
      return context.httpRequest();
    }
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Plan plan = new Plan(Long.toString(planIds.incrementAndGet()), Footprint.of(operation, context.request(), shadow));
    plans.put(plan.id, plan);
    attributes.putAttribute(PLAN, plan);
    return context.httpRequest().toBuilder().putHeader(PLAN_HEADER, plan.id).build();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Plan plan = attributes.getAttribute(PLAN);
    if (plan == null) {
      return;
    }
    plans.remove(plan.id);
    ConsumedUnits.Assignment actual = ConsumedUnits.assign(plan.processed, ConsumedUnits.of(context.response()));
    Map<String, Double> used = new HashMap<>();
    for (int i = 0; i < plan.processed.size(); i++) {
      Footprint.Element e = plan.processed.get(i);
      if (e.pk() != null) {
        used.merge(baseBucket(plan.footprint.write(), e.table(), e.pk()), actual.basePerElement()[i], Double::sum);
      }
    }
    actual.indexByPartition().forEach((tablePartition, units) -> used.merge(
        (plan.footprint.write() ? "W" : "R") + "|I|" + tablePartition, units, Double::sum));
    Set<String> all = new HashSet<>(used.keySet());
    all.addAll(plan.charged.keySet());
    long now = System.nanoTime();
    synchronized (buckets) {
      for (String key : all) {
        double difference = used.getOrDefault(key, 0.0) - plan.charged.getOrDefault(key, 0.0);
        bucket(key, now).take(difference);
      }
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Plan plan = attributes.getAttribute(PLAN);
    if (plan != null) {
      plans.remove(plan.id);
    }
  }

  /** One attempt of a marked call: answered here if throttled, else sent on (with unprocessed keys added). */
  private ExecutableHttpRequest attempt(Plan plan, HttpExecuteRequest request, SdkHttpClient delegate) {
    byte[] body = read(request);
    Counts count = counts.computeIfAbsent(plan.footprint.operation(), k -> new Counts());
    count.attempts.increment();
    Decision decision;
    try {
      decision = decide(plan, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (decision instanceof Decision.Pass pass) {
      plan.charged = pass.charged();
      plan.processed = pass.processed();
      HttpExecuteRequest sent = pass.body() == body ? request : HttpExecuteRequest.builder()
          .request(request.httpRequest().toBuilder().putHeader("Content-Length", Integer.toString(pass.body().length)).build())
          .contentStreamProvider(() -> new ByteArrayInputStream(pass.body()))
          .build();
      ExecutableHttpRequest call = delegate.prepareRequest(sent);
      return pass.unprocessed() == null ? call : new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() throws IOException {
          return withUnprocessedKeys(call.call(), pass.unprocessed());
        }

        @Override
        public void abort() {
          call.abort();
        }
      };
    }
    count.throttled.increment();
    String answer;
    if (decision instanceof Decision.CancelTransaction cancel) {
      if (cancel.forIndex()) {
        count.throttledForIndex.increment();
      }
      StringBuilder reasons = new StringBuilder();
      for (String reason : cancel.reasons()) {
        reasons.append(reasons.length() == 0 ? "" : ",").append("ThrottlingError".equals(reason)
            ? "{\"Code\":\"ThrottlingError\",\"Message\":\"" + TABLE_MESSAGE + "\"}"
            : "{\"Code\":\"None\"}");
      }
      answer = "{\"__type\":\"" + TYPE_PREFIX + "TransactionCanceledException\",\"message\":\"Transaction cancelled, please "
          + "refer cancellation reasons for specific reasons " + cancel.reasons() + "\",\"CancellationReasons\":[" + reasons + "]}";
    } else {
      boolean forIndex = ((Decision.Throttle) decision).forIndex();
      if (forIndex) {
        count.throttledForIndex.increment();
      }
      answer = "{\"__type\":\"" + TYPE_PREFIX + "ProvisionedThroughputExceededException\",\"message\":\""
          + (forIndex ? INDEX_MESSAGE : TABLE_MESSAGE) + "\"}";
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return response(SdkHttpResponse.builder().statusCode(400), bytes);
      }

      @Override
      public void abort() {
        // answered at once
      }
    };
  }

  private static byte[] read(HttpExecuteRequest request) {
    if (request.contentStreamProvider().isEmpty()) {
      return new byte[0];
    }
    try (InputStream in = request.contentStreamProvider().get().newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The engine's answer with the keys this attempt left out added as UnprocessedKeys (and no checksum of the old body). */
  private HttpExecuteResponse withUnprocessedKeys(HttpExecuteResponse response, ObjectNode unprocessed) throws IOException {
    if (response.httpResponse().statusCode() != 200 || response.responseBody().isEmpty()) {
      return response;
    }
    byte[] body;
    try (InputStream in = response.responseBody().get()) {
      body = in.readAllBytes();
    }
    ObjectNode answer = (ObjectNode) json.readTree(body);
    ObjectNode merged = answer.path("UnprocessedKeys").isObject() ? (ObjectNode) answer.get("UnprocessedKeys") : json.createObjectNode();
    unprocessed.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
    answer.set("UnprocessedKeys", merged);
    SdkHttpResponse.Builder headers = response.httpResponse().toBuilder();
    headers.removeHeader("x-amz-crc32");
    return response(headers, json.writeValueAsBytes(answer));
  }

  private static HttpExecuteResponse response(SdkHttpResponse.Builder headers, byte[] body) {
    SdkHttpResponse http = headers
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("Content-Length", Integer.toString(body.length))
        .build();
    return HttpExecuteResponse.builder().response(http)
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
  }

  private Decision decide(Plan plan, byte[] body) throws IOException {
    Footprint footprint = plan.footprint;
    if (footprint.operation().equals("BatchGetItem")) {
      return decideBatchGet(plan, body);
    }
    long now = System.nanoTime();
    Map<String, Double> pending = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    boolean anyThrottled = false;
    boolean forIndex = false;
    synchronized (buckets) {
      for (Footprint.Element e : footprint.elements()) {
        boolean baseOk = e.pk() == null || claim(pending, baseBucket(footprint.write(), e.table(), e.pk()), e.baseUnits(), now);
        boolean indexOk = true;
        for (String partition : e.indexPartitions()) {
          indexOk &= claim(pending, (footprint.write() ? "W" : "R") + "|I|" + e.table() + "\u0000" + partition, e.indexUnits(), now);
        }
        boolean throttled = !baseOk || !indexOk;
        anyThrottled |= throttled;
        forIndex |= baseOk && !indexOk;
        reasons.add(throttled ? "ThrottlingError" : "None");
      }
      if (!anyThrottled) {
        pending.forEach((key, units) -> bucket(key, now).take(units));
      }
    }
    if (!anyThrottled) {
      return new Decision.Pass(pending, footprint.elements(), body, null);
    }
    return footprint.operation().equals("TransactWriteItems")
        ? new Decision.CancelTransaction(reasons, forIndex)
        : new Decision.Throttle(forIndex);
  }

  /** Per key: a key whose partition is out of read capacity is left unprocessed, as DynamoDB does. */
  private Decision decideBatchGet(Plan plan, byte[] body) throws IOException {
    ObjectNode request = (ObjectNode) json.readTree(body);
    ObjectNode unprocessed = json.createObjectNode();
    List<Footprint.Element> remaining = new ArrayList<>(plan.footprint.elements());
    List<Footprint.Element> processed = new ArrayList<>();
    Map<String, Double> pending = new LinkedHashMap<>();
    int allowed = 0;
    int throttled = 0;
    long now = System.nanoTime();
    synchronized (buckets) {
      Iterator<Map.Entry<String, JsonNode>> tables = request.path("RequestItems").fields();
      while (tables.hasNext()) {
        Map.Entry<String, JsonNode> table = tables.next();
        ObjectNode keysAndAttributes = (ObjectNode) table.getValue();
        double units = Footprint.readUnits(keysAndAttributes.path("ConsistentRead").asBoolean(false));
        ArrayNode kept = json.createArrayNode();
        ArrayNode left = json.createArrayNode();
        for (JsonNode key : keysAndAttributes.path("Keys")) {
          String pk = key.path("pk").path("S").asText(null);
          String sk = key.path("sk").path("S").asText(null);
          if (claim(pending, baseBucket(false, table.getKey(), pk), units, now)) {
            kept.add(key);
            allowed++;
            take(remaining, table.getKey(), pk, sk).ifPresent(processed::add);
          } else {
            left.add(key);
            throttled++;
          }
        }
        keysAndAttributes.set("Keys", kept);
        if (!left.isEmpty()) {
          ObjectNode rest = keysAndAttributes.deepCopy();
          rest.set("Keys", left);
          unprocessed.set(table.getKey(), rest);
        }
      }
      if (allowed > 0) {
        pending.forEach((key, u) -> bucket(key, now).take(u));
      }
    }
    if (allowed == 0) {
      return new Decision.Throttle(false);
    }
    if (throttled == 0) {
      return new Decision.Pass(pending, processed, body, null);
    }
    // Tables whose keys were all left out must not be sent with an empty key list.
    ObjectNode items = (ObjectNode) request.path("RequestItems");
    List<String> empty = new ArrayList<>();
    items.fields().forEachRemaining(e -> {
      if (e.getValue().path("Keys").isEmpty()) {
        empty.add(e.getKey());
      }
    });
    items.remove(empty);
    return new Decision.Pass(pending, processed, json.writeValueAsBytes(request), unprocessed);
  }

  private static java.util.Optional<Footprint.Element> take(List<Footprint.Element> remaining, String table, String pk, String sk) {
    for (Iterator<Footprint.Element> it = remaining.iterator(); it.hasNext(); ) {
      Footprint.Element e = it.next();
      if (e.table().equals(table) && java.util.Objects.equals(e.pk(), pk) && java.util.Objects.equals(e.sk(), sk)) {
        it.remove();
        return java.util.Optional.of(e);
      }
    }
    return java.util.Optional.empty();
  }

  /** Whether the bucket admits {@code units} more on top of what this attempt already claimed; claims them if so. */
  private boolean claim(Map<String, Double> pending, String key, double units, long now) {
    double already = pending.getOrDefault(key, 0.0);
    if (!bucket(key, now).admits(already, units, now)) {
      return false;
    }
    pending.put(key, already + units);
    return true;
  }

  private TokenBucket bucket(String key, long now) {
    return buckets.computeIfAbsent(key, k -> new TokenBucket(k.startsWith("W") ? writeUnitsPerSecond : readUnitsPerSecond, now));
  }

  private static String baseBucket(boolean write, String table, String pk) {
    return (write ? "W" : "R") + "|B|" + table + "\u0000" + pk;
  }

  @Override
  public void close() {
    armed = false;
  }
}
