package dev.ticketing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.local.contract.OpenApiContract;
import dev.ticketing.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local runtime on a test table, and a small HTTP client for it over a real socket. Every
 * response is checked against openapi.yaml ({@link OpenApiContract}): a documented operation must
 * answer with a documented status, content type, headers and body; anything else must be the
 * runtime's 404 problem or one of its packaged static files.
 */
final class LocalHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StaticFiles STATIC_FILES = StaticFiles.fromClasspath();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final LocalRuntime runtime;

  record Reply(int status, String contentType, JsonNode body, HttpResponse<String> raw) {}

  private final OpenApiContract contract;

  private LocalHttp(LocalRuntime runtime, OpenApiContract contract) {
    this.runtime = runtime;
    this.contract = contract;
  }

  /** A runtime on the run's engine, serving the given test table, with extra environment. */
  static LocalHttp start(TestTable table, Map<String, String> extraEnvironment) {
    return start(table, extraEnvironment, OpenApiContract.shared());
  }

  /** The same, checking responses against another description than the repository's openapi.yaml. */
  static LocalHttp start(TestTable table, Map<String, String> extraEnvironment, OpenApiContract contract) {
    Map<String, String> env = new HashMap<>(extraEnvironment);
    env.put("PORT", "0");
    settleAtOnce(env);
    env.put("DYNAMODB_ENDPOINT", table.endpoint().toString());
    env.put("TABLE_NAME", table.name());
    return new LocalHttp(LocalRuntime.start(env, true), contract);
  }

  /**
   * A runtime on the run's engine serving the given test table, on {@code clock} (which a test
   * moves past a sale's opening), with {@code catalog} instead of the demo data.
   */
  static LocalHttp start(TestTable table, Map<String, String> extraEnvironment, Clock clock, SeedCatalog catalog) {
    Map<String, String> env = new HashMap<>(extraEnvironment);
    env.put("PORT", "0");
    settleAtOnce(env);
    env.put("DYNAMODB_ENDPOINT", table.endpoint().toString());
    env.put("TABLE_NAME", table.name());
    return new LocalHttp(LocalRuntime.start(env, clock, Optional.of(catalog)), OpenApiContract.shared());
  }

  /**
   * A runtime on the demo data and on {@code clock}, whose scheduler never ticks within a test: the
   * test moves the clock and runs each maintenance round itself ({@link Journey#round}), so it
   * waits on no wall clock.
   */
  static LocalHttp startOnClock(TestTable table, Map<String, String> extraEnvironment, MutableClock clock) {
    return startOnClock(table, extraEnvironment, clock, DemoCatalog.create(clock));
  }

  /**
   * The same with {@code catalog} instead of the demo data: a test that needs one or two concerts
   * seeds only those ({@code SmallCatalog}), so the runtime starts sooner and each round reads less.
   */
  static LocalHttp startOnClock(TestTable table, Map<String, String> extraEnvironment, MutableClock clock,
      SeedCatalog catalog) {
    Map<String, String> env = new HashMap<>(extraEnvironment);
    env.put("SCHEDULER_INTERVAL_SECONDS", "3600");
    // Placement reads every shard of the join index of each live concert in every round: with the
    // deployed 400, a round of the demo's four concerts is seconds on the embedded engine.
    env.putIfAbsent("QUEUE_JOIN_SHARDS", "8");
    return start(table, env, clock, catalog);
  }

  /**
   * A runtime as {@code java -jar concert-local.jar} starts one: its own embedded engine (not the
   * test run's), with the given environment; on a free port.
   */
  static LocalHttp startWithOwnEngine(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    env.put("PORT", "0");
    env.remove("DYNAMODB_ENDPOINT");
    return new LocalHttp(LocalRuntime.start(env, true), OpenApiContract.shared());
  }

  /**
   * Placement takes arrivals at once unless a test sets a settling time: one runtime, one engine,
   * no index that lags, so the window only slows every join down by its 3 s (as in TestApp).
   */
  private static void settleAtOnce(Map<String, String> env) {
    env.putIfAbsent("QUEUE_PLACEMENT_SETTLE_SECONDS", "0");
  }

  Reply send(String method, String path, Map<String, String> headers, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.baseUri() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String contentType = response.headers().firstValue("content-type").orElse("");
    JsonNode parsed = response.body().isEmpty() || !contentType.contains("json") ? null : JSON.readTree(response.body());
    checkContract(method, path, response.statusCode(), contentType, response.headers().map(), response.body(), parsed);
    return new Reply(response.statusCode(), contentType, parsed, response);
  }

  /**
   * One request written byte for byte on a new socket ({@link RawHttp}): for input the JDK client
   * refuses to send, such as header values outside Latin-1 or repeated headers. The response is
   * checked against openapi.yaml like every other.
   */
  RawHttp.Response sendRaw(RawHttp.Request request) throws IOException {
    RawHttp.Response response = RawHttp.send(runtime.port(), request);
    String contentType = response.header("content-type").orElse("");
    JsonNode parsed;
    try {
      parsed = response.body().isEmpty() || !contentType.contains("json") ? null : JSON.readTree(response.body());
    } catch (IOException unparsable) {
      throw new AssertionError(request.method() + " " + request.path() + " -> " + response.status()
          + ": a " + contentType + " body that is not JSON: " + response.body());
    }
    checkContract(request.method(), request.path(), response.status(), contentType, response.headers(), response.body(),
        parsed);
    return response.withJson(parsed);
  }

  private void checkContract(String method, String path, int status, String contentType,
      Map<String, List<String>> headers, String rawBody, JsonNode body) {
    String bare = path.split("[?#]", 2)[0];
    // Operations documented ahead of their route in template.yaml are unknown routes until it lands.
    boolean served = contract.operation(method, bare).map(operation -> runtime.routes().stream()
        .anyMatch(route -> OpenApiContract.shapeOf(route.method(), route.path()).equals(operation.shape()))).orElse(false);
    if (served) {
      contract.check(method, bare, status, contentType, headers, body);
    } else if (status == 404) {
      if (body == null || !contentType.startsWith("application/problem+json")
          || !"ROUTE_NOT_FOUND".equals(body.path("code").asText())
          || !contract.validate("#/components/schemas/Problem404", body).isEmpty()) {
        throw new AssertionError(method + " " + path + ": a 404 outside the API must be a ROUTE_NOT_FOUND problem, got "
            + contentType + " " + rawBody);
      }
    } else if (!(method.equals("GET") && status == 200 && STATIC_FILES.has(bare))) {
      throw new AssertionError(method + " " + path + " -> " + status
          + ": neither an operation of openapi.yaml nor a packaged static file");
    }
  }

  Reply get(String path, Map<String, String> headers) throws IOException, InterruptedException {
    return send("GET", path, headers, null);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
