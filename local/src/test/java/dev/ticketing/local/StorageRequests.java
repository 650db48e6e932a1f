package dev.ticketing.local;

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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of the engine that counts the DynamoDB requests passing through it,
 * by operation: a runtime given {@link #endpoint()} as its storage is counted from outside, with
 * no hook in its own client. Requests and answers pass unchanged (the engine accepts any
 * signature, so the Host the request was signed for does not matter).
 */
final class StorageRequests implements AutoCloseable {
  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
      "transfer-encoding", "upgrade");

  private final URI engine;
  private final HttpServer proxy;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "storage-requests");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();

  StorageRequests(URI engine) throws IOException {
    this.engine = engine;
    proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    proxy.setExecutor(threads);
    proxy.createContext("/", this::forward);
    proxy.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getAddress().getPort());
  }

  /** Requests of {@code operation} (e.g. "BatchGetItem") since the last {@link #reset}, every attempt counted. */
  int count(String operation) {
    return byOperation.getOrDefault(operation, new AtomicInteger()).get();
  }

  /** All requests since the last {@link #reset}. */
  int total() {
    return byOperation.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  void reset() {
    byOperation.clear();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      byOperation.computeIfAbsent(target.substring(target.indexOf('.') + 1), name -> new AtomicInteger()).incrementAndGet();
      HttpRequest.Builder request = HttpRequest.newBuilder(engine.resolve(exchange.getRequestURI().getRawPath()))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
          values.forEach(value -> request.header(name, value));
        }
      });
      HttpResponse<byte[]> answer = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      answer.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    proxy.stop(0);
    threads.shutdownNow();
  }
}
