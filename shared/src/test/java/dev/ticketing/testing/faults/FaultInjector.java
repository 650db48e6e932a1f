package dev.ticketing.testing.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Makes chosen DynamoDB calls fail the way DynamoDB and networks do. An SDK execution
 * interceptor routes each chosen call through a loopback proxy; the proxy decides per attempt
 * (the SDK's retries included) whether to throttle it, answer 500, stall past the attempt
 * timeout, or forward it to the engine and then lose the response. It can also make chosen
 * BatchGetItem calls succeed only in part, leaving keys unprocessed as a throttled DynamoDB does.
 * Other calls go straight to the engine. Everything stays on 127.0.0.1.
 */
public final class FaultInjector implements ExecutionInterceptor, AutoCloseable {
  private static final String FAULT_HEADER = "x-injected-fault";
  private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan");
  private static final String PARTIAL_BATCH = "partial-batch";
  /** Marks the answer to a stalled attempt, which its caller must not have heard before its timeout fired. */
  private static final String STALLED = "stalled";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "transfer-encoding", FAULT_HEADER);

  private final URI engine;
  private final Duration attemptTimeout;
  /** The client's timers, when a stalled attempt may reach its timeout at once instead of waiting it out. */
  private final java.util.Optional<StallableTimers> timers;
  private final HttpServer proxy;
  private final ExecutorService proxyThreads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient forwarder = HttpClient.newHttpClient();
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();
  private final Map<String, Armed> armed = new ConcurrentHashMap<>();
  /** Faults for every call whose request mentions a text (e.g. a concert's id, in its keys). */
  private final Map<String, Fault> mentioning = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
  private final AtomicInteger partialBatchesLeft = new AtomicInteger();
  private final AtomicInteger partialBatches = new AtomicInteger();

  /** The faults of one call: attempts 1..{@code failingAttempts} fail with {@code fault}. */
  private record Plan(Fault fault, int failingAttempts, AtomicInteger attempts) {}

  /** Faults waiting for the calls of an operation after the next {@code skipLeft}. */
  private record Armed(Fault fault, int failingAttempts, AtomicInteger skipLeft, AtomicInteger callsLeft) {}

  public FaultInjector(URI engine, Duration attemptTimeout) {
    this(engine, attemptTimeout, java.util.Optional.empty());
  }

  /**
   * With the client's timers ({@link StallableTimers}): an attempt that must time out ends when the
   * caller's next timeout fires, as in real time, but without waiting for it.
   */
  FaultInjector(URI engine, Duration attemptTimeout, java.util.Optional<StallableTimers> timers) {
    this.engine = engine;
    this.attemptTimeout = attemptTimeout;
    this.timers = timers;
    try {
      proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    proxy.setExecutor(proxyThreads);
    proxy.createContext("/", this::serve);
    proxy.start();
  }

  /**
   * The next {@code calls} calls of {@code operation} (e.g. "TransactWriteItems") fail their first
   * {@code failingAttempts} attempts with {@code fault}; a large number outlasts the SDK's retries.
   */
  public FaultInjector arm(String operation, Fault fault, int failingAttempts, int calls) {
    return armAfter(operation, 0, fault, failingAttempts, calls);
  }

  /**
   * As {@link #arm}, for the calls of {@code operation} after the next {@code skip}, which go
   * through untouched: to fail a later step of a use case, such as what a payment does after its
   * own transaction.
   */
  public FaultInjector armAfter(String operation, int skip, Fault fault, int failingAttempts, int calls) {
    if (fault == Fault.TRANSACTION_CONFLICT && READS.contains(operation)) {
      return this;  // plain reads never meet a transaction conflict in DynamoDB
    }
    armed.put(operation, new Armed(fault, failingAttempts, new AtomicInteger(skip), new AtomicInteger(calls)));
    return this;
  }

  /**
   * The next {@code calls} BatchGetItem calls succeed only in part: the engine reads every key,
   * but the answer keeps only the first key's item and returns every other key in
   * {@code UnprocessedKeys}, as DynamoDB does when a partition is throttled (a call of one key
   * gets it back unprocessed). Not an attempt that fails: the SDK does not retry it; the caller must.
   */
  public FaultInjector armUnprocessedKeys(int calls) {
    partialBatchesLeft.set(calls);
    return this;
  }

  /**
   * Every attempt of every call whose request mentions {@code text} fails with {@code fault}, until
   * {@link #disarm}: storage that stays unavailable for one concert's items (the concert's id is in
   * their keys), and answers for everything else. Calls that do not name their items' concert (a
   * token read by its secret) are not touched.
   */
  public FaultInjector armMentioning(String text, Fault fault) {
    mentioning.put(text, fault);
    return this;
  }

  public void disarm() {
    armed.clear();
    mentioning.clear();
    partialBatchesLeft.set(0);
  }

  /** How many BatchGetItem answers left keys unprocessed. */
  public int partialBatches() {
    return partialBatches.get();
  }

  /** How many attempts were made to fail, by fault. */
  public Map<Fault, Integer> injected() {
    Map<Fault, Integer> copy = new java.util.EnumMap<>(Fault.class);
    injected.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  public int injectedTotal() {
    return injected.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if ("BatchGetItem".equals(operation) && partialBatchesLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      return throughProxy(context.httpRequest(), PARTIAL_BATCH);
    }
    String request = mentioning.isEmpty() ? "" : context.request().toString();
    for (Map.Entry<String, Fault> text : mentioning.entrySet()) {
      if (request.contains(text.getKey())) {
        String id = Long.toString(calls.incrementAndGet());
        plans.put(id, new Plan(text.getValue(), Integer.MAX_VALUE, new AtomicInteger()));
        return throughProxy(context.httpRequest(), id);
      }
    }
    Armed faults = armed.get(operation);
    if (faults == null || faults.skipLeft().getAndDecrement() > 0 || faults.callsLeft().getAndDecrement() <= 0) {
      return context.httpRequest();
    }
    String id = Long.toString(calls.incrementAndGet());
    plans.put(id, new Plan(faults.fault(), faults.failingAttempts(), new AtomicInteger()));
    return throughProxy(context.httpRequest(), id);
  }

  /**
   * An attempt the proxy stalled (with the client's timers at hand, {@link StallableTimers}): in real
   * time its thread would wait for no answer until its next timeout fired. That timeout fires now,
   * on the thread, before the answer is looked at, and the attempt ends as a timed-out one does: the
   * SDK finds its timer fired and the thread interrupted, and reports the attempt's timeout (or the
   * call's, when the stalls have filled it), retrying as it would.
   */
  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    if (timers.isEmpty() || !context.httpResponse().firstMatchingHeader(FAULT_HEADER).filter(STALLED::equals).isPresent()) {
      return;
    }
    if (!timers.get().stall(Thread.currentThread())) {
      throw new IllegalStateException("a stalled attempt with no timeout to end it: the client sets none");
    }
    throw AbortedException.create("no answer before the timeout");
  }

  private SdkHttpRequest throughProxy(SdkHttpRequest request, String planId) {
    return request.toBuilder()
        .protocol("http").host("127.0.0.1").port(proxy.getAddress().getPort())
        .putHeader(FAULT_HEADER, planId)
        .build();
  }

  private void serve(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    if (PARTIAL_BATCH.equals(exchange.getRequestHeaders().getFirst(FAULT_HEADER))) {
      answerInPart(exchange, body);
      return;
    }
    Plan plan = plans.get(exchange.getRequestHeaders().getFirst(FAULT_HEADER));
    int attempt = plan == null ? Integer.MAX_VALUE : plan.attempts().incrementAndGet();
    Fault fault = plan != null && attempt <= plan.failingAttempts() ? plan.fault() : null;
    if (fault != null) {
      injected.computeIfAbsent(fault, k -> new AtomicInteger()).incrementAndGet();
    }
    try {
      if (fault == null) {
        HttpResponse<byte[]> forwarded = forward(exchange, body);
        respond(exchange, forwarded.statusCode(), forwarded.headers().map(), forwarded.body());
        return;
      }
      switch (fault) {
        case THROTTLE -> respondError(exchange, 400, "ThrottlingException", "Rate of requests exceeds the allowed throughput.");
        case SERVER_ERROR -> respondError(exchange, 500, "InternalServerError", "Internal server error");
        case TIMEOUT -> {
          if (timers.isPresent()) {
            // Answered at once, marked: the caller's thread reaches its timeout before it hears it (afterTransmission).
            exchange.getResponseHeaders().add(FAULT_HEADER, STALLED);
          } else {
            Thread.sleep(attemptTimeout.toMillis() + 300);  // the caller's attempt timeout ends the attempt first
          }
          respondError(exchange, 500, "InternalServerError", "too late");
        }
        case TRANSACTION_CONFLICT -> {
          String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
          if (target.endsWith(".TransactWriteItems")) {
            respondJson(exchange, 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]\","
                + "\"CancellationReasons\":[{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"}]}");
          } else {
            respondError(exchange, 400, "TransactionConflictException", "Transaction is ongoing for the item");
          }
        }
        case LOST_RESPONSE -> {
          forward(exchange, body);  // applied by the engine ...
          respondError(exchange, 500, "InternalServerError", "response lost");  // ... but the caller never hears
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private void answerInPart(HttpExchange exchange, byte[] body) throws IOException {
    try {
      HttpResponse<byte[]> forwarded = forward(exchange, body);
      if (forwarded.statusCode() != 200) {
        respond(exchange, forwarded.statusCode(), forwarded.headers().map(), forwarded.body());
        return;
      }
      ObjectNode answer = (ObjectNode) JSON.readTree(forwarded.body());
      ObjectNode responses = answer.withObject("/Responses");
      ObjectNode unprocessed = JSON.createObjectNode();
      boolean firstKeyKept = false;
      var tables = JSON.readTree(body).path("RequestItems").fields();
      while (tables.hasNext()) {
        var table = tables.next();
        ArrayNode keys = (ArrayNode) table.getValue().path("Keys");
        ArrayNode kept = JSON.createArrayNode();
        ArrayNode left = JSON.createArrayNode();
        for (JsonNode key : keys) {
          boolean keep = !firstKeyKept && keys.size() > 1;
          firstKeyKept |= keep;
          (keep ? kept : left).add(key);
        }
        ArrayNode items = JSON.createArrayNode();
        for (JsonNode item : responses.path(table.getKey())) {
          for (JsonNode key : kept) {
            if (key.equals(keyOf(item, key))) {
              items.add(item);
            }
          }
        }
        responses.set(table.getKey(), items);
        if (!left.isEmpty()) {
          ObjectNode request = table.getValue().deepCopy();
          request.set("Keys", left);
          unprocessed.set(table.getKey(), request);
        }
      }
      answer.set("UnprocessedKeys", unprocessed);
      partialBatches.incrementAndGet();
      respondJson(exchange, 200, JSON.writeValueAsString(answer));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  /** The item's attributes named as in {@code key}: its key, to compare with a requested one. */
  private static JsonNode keyOf(JsonNode item, JsonNode key) {
    ObjectNode itemKey = JSON.createObjectNode();
    key.fieldNames().forEachRemaining(name -> itemKey.set(name, item.get(name)));
    return itemKey;
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(engine.resolve(exchange.getRequestURI().getRawPath()))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    return forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void respondError(HttpExchange exchange, int status, String type, String message) throws IOException {
    respondJson(exchange, status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}");
  }

  private static void respondJson(HttpExchange exchange, int status, String json) throws IOException {
    respond(exchange, status, Map.of("content-type", java.util.List.of("application/x-amz-json-1.0")),
        json.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int status, Map<String, java.util.List<String>> headers, byte[] body)
      throws IOException {
    headers.forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.equals("connection") && !lower.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    proxy.stop(0);
    proxyThreads.shutdownNow();
  }
}
