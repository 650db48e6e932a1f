package dev.ticketing.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.config.Settings;
import dev.ticketing.engine.DynoxideEngine;
import dev.ticketing.engine.LocalTables;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import dev.ticketing.engine.SamTemplate.HttpRoute;
import dev.ticketing.engine.SamTemplate.Intrinsic;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.ErrorCode;
import dev.ticketing.http.HttpResponses;
import dev.ticketing.http.Problem;
import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import dev.ticketing.storage.DynamoDbClients;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.StorageModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole API on one port: reads template.yaml, starts the embedded engine (unless
 * {@code DYNAMODB_ENDPOINT} names another), creates the table from the template, seeds the demo
 * catalogue, serves every HttpApi route by building the API Gateway event and invoking the
 * handler in-process, and runs the scheduled functions every {@code SCHEDULER_INTERVAL_SECONDS}.
 */
public final class LocalRuntime implements AutoCloseable {
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
  private static final String DEFAULT_TABLE = "concert-reservation";
  private static final Duration SCHEDULED_RUN_GRACE = Duration.ofSeconds(10);

  private final DynoxideEngine engine;
  private final DynamoDbClient client;
  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final ScheduledExecutorService scheduler;
  private final Routes<Function> routes;
  private final ObjectMapper json;
  private final JsonLog log;
  private final HttpResponses responses;
  private final Clock clock;
  private final StaticFiles staticFiles = StaticFiles.fromClasspath();

  /** One function of the template, instantiated with its own environment. */
  record Function(String name, RequestStreamHandler handler) {}

  private LocalRuntime(DynoxideEngine engine, DynamoDbClient client, HttpServer server, ExecutorService requestThreads,
      ScheduledExecutorService scheduler, Routes<Function> routes, AppComponent runtimeComponent) {
    this.engine = engine;
    this.client = client;
    this.server = server;
    this.requestThreads = requestThreads;
    this.scheduler = scheduler;
    this.routes = routes;
    this.json = runtimeComponent.objectMapper();
    this.log = runtimeComponent.log();
    this.responses = new HttpResponses(json);
    this.clock = runtimeComponent.clock();
  }

  /**
   * Starts everything. {@code environment} plays the process environment: it overrides the
   * template's variables, and {@code PORT} 0 picks a free port.
   */
  public static LocalRuntime start(Map<String, String> environment, boolean seedDemoData) {
    SamTemplate template = SamTemplate.locate();
    Map<String, String> env = new HashMap<>(environment);
    env.putIfAbsent("TABLE_NAME", DEFAULT_TABLE);
    DynoxideEngine engine = null;
    if (Optional.ofNullable(env.get("DYNAMODB_ENDPOINT")).filter(s -> !s.isBlank()).isEmpty()) {
      engine = DynoxideEngine.start();
      env.put("DYNAMODB_ENDPOINT", engine.endpoint().toString());
    }
    try {
      Clock clock = Clock.systemUTC();
      Settings runtimeSettings = Settings.fromEnvironment(env);
      DynamoDbClient client = DynamoDbClients.create(runtimeSettings);
      LocalTables.createIfMissing(client, template.table(), runtimeSettings.tableName());
      AppComponent runtimeComponent = component(runtimeSettings, clock, client);
      if (seedDemoData) {
        runtimeComponent.catalogSeeder().seed(DemoCatalog.create(clock));
      }

      Routes<Function> routes = new Routes<>();
      List<Function> scheduled = new ArrayList<>();
      for (FunctionDefinition definition : template.functions()) {
        Map<String, String> functionEnv = resolve(definition.environment(), runtimeSettings.tableName());
        functionEnv.putAll(env);
        Function function = new Function(definition.logicalId(),
            instantiate(definition.handlerClass(), component(Settings.fromEnvironment(functionEnv), clock, client)));
        definition.routes().forEach(route -> routes.add(route, function));
        if (!definition.schedules().isEmpty()) {
          scheduled.add(function);
        }
      }

      int port = Integer.parseInt(env.getOrDefault("PORT", "3000"));
      // The JDK server writes a response's headers and body in two writes; with Nagle's algorithm
      // the body then waits for the client's delayed ACK, about 40 ms on Linux, on every request
      // (measured by the bench module). Read once, when the first server is created.
      if (System.getProperty("sun.net.httpserver.nodelay") == null) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
      }
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
      ExecutorService requestThreads = Executors.newFixedThreadPool(64, daemonThreads("http"));
      server.setExecutor(requestThreads);
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("scheduler"));
      LocalRuntime runtime = new LocalRuntime(engine, client, server, requestThreads, scheduler, routes, runtimeComponent);
      server.createContext("/", runtime::serve);
      server.start();
      long interval = Long.parseLong(env.getOrDefault("SCHEDULER_INTERVAL_SECONDS", "5"));
      for (Function function : scheduled) {
        scheduler.scheduleWithFixedDelay(() -> runtime.runScheduled(function), interval, interval, TimeUnit.SECONDS);
      }
      return runtime;
    } catch (RuntimeException | IOException e) {
      if (engine != null) {
        engine.close();
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public List<HttpRoute> routes() {
    return routes.all();
  }

  @Override
  public void close() {
    server.stop(0);
    // A maintenance run under way finishes (interrupted, it would stop halfway and log an aborted
    // storage call); no further run starts.
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(SCHEDULED_RUN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    requestThreads.shutdownNow();
    client.close();
    if (engine != null) {
      engine.close();
    }
  }

  private static AppComponent component(Settings settings, Clock clock, DynamoDbClient client) {
    return AppComponent.builder().settings(settings).clock(clock).storageModule(new StorageModule(client)).build();
  }

  /** Template variables as plain strings; {@code !Ref} of the table is the local table's name. */
  private static Map<String, String> resolve(Map<String, Object> variables, String tableName) {
    Map<String, String> resolved = new HashMap<>();
    variables.forEach((name, value) -> {
      if (value instanceof Intrinsic intrinsic) {
        if (intrinsic.function().equals("Ref")) {
          resolved.put(name, tableName);
        }
      } else if (value != null) {
        resolved.put(name, String.valueOf(value));
      }
    });
    return resolved;
  }

  private static RequestStreamHandler instantiate(String className, AppComponent component) {
    try {
      return (RequestStreamHandler) Class.forName(className).getConstructor(AppComponent.class).newInstance(component);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("handler " + className + " needs a public constructor taking AppComponent", e);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    ApiGatewayResponse response;
    try {
      response = dispatch(exchange, requestId);
    } catch (RuntimeException e) {
      Map<String, Object> fields = new HashMap<>(FailureFields.of(e));
      fields.put("requestId", requestId);
      log.error("local runtime failure", fields);
      response = responses.problem(Problem.of(ErrorCode.INTERNAL, "internal error"));
    }
    write(exchange, response);
    log.info("request", Map.of(
        "requestId", requestId,
        "method", method,
        "path", path,
        "status", response.statusCode(),
        "durationMs", Duration.ofNanos(System.nanoTime() - started).toMillis()));
  }

  private ApiGatewayResponse dispatch(HttpExchange exchange, String requestId) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    String path;
    try {
      path = exchange.getRequestURI().getPath();
    } catch (IllegalArgumentException malformed) {
      return responses.problem(Problem.of(ErrorCode.VALIDATION_FAILED, "path: is not a valid URL path"));
    }
    Optional<Routes.Match<Function>> match = path == null ? Optional.empty() : routes.match(method, path);
    if (match.isEmpty()) {
      // Local extras (the web app, openapi.yaml); in AWS those are static files hosted separately.
      Optional<ApiGatewayResponse> file = staticFiles.serve(method, path);
      if (file.isPresent()) {
        return file.get();
      }
      return responses.problem(Problem.of(ErrorCode.ROUTE_NOT_FOUND, "no route for " + method + " " + path));
    }
    Routes.Match<Function> route = match.get();
    if (route.route().requiresIdentity() && exchange.getRequestHeaders().getFirst(ExchangeEvents.USER_HEADER) == null) {
      // In AWS the JWT authorizer answers before any handler runs.
      return responses.problem(Problem.of(ErrorCode.UNAUTHENTICATED, "sign in first (locally: send X-User-Id)"));
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return responses.problem(Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, "the body may be at most 10 MB"));
    }
    ApiGatewayRequest event = ExchangeEvents.from(exchange, route.route(), route.pathParameters(), body, requestId, clock.instant());
    return invoke(route.target(), json.writeValueAsBytes(event), requestId);
  }

  private ApiGatewayResponse invoke(Function function, byte[] event, String requestId) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    function.handler().handleRequest(new ByteArrayInputStream(event), out, new LocalContext(requestId, function.name()));
    return json.readValue(out.toByteArray(), ApiGatewayResponse.class);
  }

  private void runScheduled(Function function) {
    String requestId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Map<String, Object> event = Map.of(
        "version", "0",
        "id", requestId,
        "detail-type", "Scheduled Event",
        "source", "aws.events",
        "account", "000000000000",
        "time", now.toString(),
        "region", "local",
        "resources", List.of("arn:aws:events:local:000000000000:rule/" + function.name()),
        "detail", Map.of());
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      function.handler().handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(event)), out,
          new LocalContext(requestId, function.name()));
    } catch (IOException | RuntimeException e) {
      // A failed run is retried by the next tick, as EventBridge would retry.
      Map<String, Object> fields = new HashMap<>(FailureFields.of(e));
      fields.put("function", function.name());
      log.error("scheduled run failed", fields);
    }
  }

  private static void write(HttpExchange exchange, ApiGatewayResponse response) throws IOException {
    byte[] body = response.body() == null ? new byte[0]
        : response.isBase64Encoded() ? Base64.getDecoder().decode(response.body())
        : response.body().getBytes(StandardCharsets.UTF_8);
    if (response.headers() != null) {
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    }
    exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
      thread.setDaemon(true);
      return thread;
    };
  }
}
