package dev.ticketing.local.rush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rush's HTTP client for the local runtime on 127.0.0.1: counts every request by endpoint and
 * status, retries a request whose response was lost (every endpoint is safe to retry with the same
 * request) or that got 503, and refuses to send more than the run's request budget.
 */
final class RushClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 4;

  record Reply(int status, JsonNode body) {
    String code() {
      return body == null ? "" : body.path("code").asText();
    }
  }

  /** The run's request budget is spent: the user stops. */
  static final class BudgetExhausted extends RuntimeException {
    BudgetExhausted() {
      super("request budget exhausted", null, false, false);
    }
  }

  private final URI base;
  private final ExecutorService clientThreads = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "rush-http-client");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient client;
  private final long budget;
  private final AtomicLong sent = new AtomicLong();
  private final LongAdder transportErrors = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final Map<String, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();

  RushClient(URI base, long budget) {
    if (!"127.0.0.1".equals(base.getHost())) {
      throw new IllegalArgumentException("the rush only ever loads 127.0.0.1, not " + base);
    }
    this.base = base;
    this.budget = budget;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(clientThreads)
        .build();
  }

  /** Sends one request (and its retries) under the label {@code endpoint}, such as "POST /reservations". */
  Reply send(String endpoint, String method, String path, Map<String, String> headers, String body)
      throws InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(builder::header);
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    HttpRequest request = builder.build();
    IOException lost = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (sent.incrementAndGet() > budget) {
        throw new BudgetExhausted();
      }
      if (attempt > 1) {
        retries.increment();
      }
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        count(endpoint, response.statusCode());
        if (response.statusCode() == 503 && attempt < ATTEMPTS) {
          Thread.sleep(1_000L * Integer.parseInt(response.headers().firstValue("retry-after").orElse("1")));
          continue;
        }
        JsonNode parsed = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Reply(response.statusCode(), parsed);
      } catch (IOException e) {
        transportErrors.increment();
        lost = e;
        Thread.sleep(100L * attempt);
      }
    }
    count(endpoint, -1);
    throw new IllegalStateException(endpoint + ": no response after " + ATTEMPTS + " attempts: " + lost);
  }

  private void count(String endpoint, int status) {
    statuses.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>()).computeIfAbsent(status, s -> new LongAdder())
        .increment();
  }

  long sent() {
    return Math.min(sent.get(), budget);
  }

  long transportErrors() {
    return transportErrors.sum();
  }

  long retries() {
    return retries.sum();
  }

  /** Responses per endpoint and status (-1: none after every attempt), sorted. */
  Map<String, Map<Integer, Long>> statuses() {
    Map<String, Map<Integer, Long>> copy = new TreeMap<>();
    statuses.forEach((endpoint, counts) -> {
      Map<Integer, Long> sorted = new TreeMap<>();
      counts.forEach((status, count) -> sorted.put(status, count.sum()));
      copy.put(endpoint, sorted);
    });
    return copy;
  }

  @Override
  public void close() {
    clientThreads.shutdownNow();
  }
}
