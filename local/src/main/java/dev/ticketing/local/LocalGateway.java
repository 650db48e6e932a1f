package dev.ticketing.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.engine.SamTemplate.HttpRoute;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.ErrorCode;
import dev.ticketing.http.HttpResponses;
import dev.ticketing.http.Problem;
import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What API Gateway does in AWS, on a loopback port: matches the route, answers as the JWT
 * authorizer would when identity is missing (401) and as the gateway would for an unknown route
 * (404) or a body over its limit (413), turns the exchange into the event AWS would send, invokes
 * the route's function in-process and writes its response. Anything else is a packaged static
 * file or a 404.
 */
final class LocalGateway implements AutoCloseable {
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final Routes<LocalFunction> routes;
  private final StaticFiles staticFiles = StaticFiles.fromClasspath();
  private final ObjectMapper json;
  private final JsonLog log;
  private final HttpResponses responses;
  private final Clock clock;

  private LocalGateway(HttpServer server, ExecutorService requestThreads, Routes<LocalFunction> routes, ObjectMapper json,
      JsonLog log, Clock clock) {
    this.server = server;
    this.requestThreads = requestThreads;
    this.routes = routes;
    this.json = json;
    this.log = log;
    this.responses = new HttpResponses(json);
    this.clock = clock;
  }

  /** Serves every HttpApi route of {@code functions} on 127.0.0.1:{@code port} (0: a free one). */
  static LocalGateway start(int port, List<LocalFunction> functions, ObjectMapper json, JsonLog log, Clock clock)
      throws IOException {
    Routes<LocalFunction> routes = new Routes<>();
    functions.forEach(function -> function.definition().routes().forEach(route -> routes.add(route, function)));
    // The JDK server writes a response's headers and body in two writes; with Nagle's algorithm
    // the body then waits for the client's delayed ACK, about 40 ms on Linux, on every request
    // (measured by the bench module). Read once, when the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    ExecutorService requestThreads = Executors.newFixedThreadPool(64, LocalThreads.daemons("http"));
    server.setExecutor(requestThreads);
    LocalGateway gateway = new LocalGateway(server, requestThreads, routes, json, log, clock);
    server.createContext("/", gateway::serve);
    server.start();
    return gateway;
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<HttpRoute> routes() {
    return routes.all();
  }

  @Override
  public void close() {
    server.stop(0);
    requestThreads.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
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
        "method", exchange.getRequestMethod(),
        "path", exchange.getRequestURI().getRawPath(),
        "status", response.statusCode(),
        "durationMs", Duration.ofNanos(System.nanoTime() - started).toMillis()));
  }

  private ApiGatewayResponse dispatch(HttpExchange exchange, String requestId) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path;
    try {
      path = exchange.getRequestURI().getPath();
    } catch (IllegalArgumentException malformed) {
      return responses.problem(Problem.of(ErrorCode.VALIDATION_FAILED, "path: is not a valid URL path"));
    }
    Optional<Routes.Match<LocalFunction>> match = path == null ? Optional.empty() : routes.match(method, path);
    if (match.isEmpty()) {
      // Local extras (the web app, openapi.yaml); in AWS those are static files hosted separately.
      Optional<ApiGatewayResponse> file = staticFiles.serve(method, path);
      if (file.isPresent()) {
        return file.get();
      }
      return responses.problem(Problem.of(ErrorCode.ROUTE_NOT_FOUND, "no route for " + method + " " + path));
    }
    Routes.Match<LocalFunction> route = match.get();
    List<String> users = exchange.getRequestHeaders().get(ExchangeEvents.USER_HEADER);
    if (route.route().requiresIdentity() && users == null) {
      // In AWS the JWT authorizer answers before any handler runs.
      return responses.problem(Problem.of(ErrorCode.UNAUTHENTICATED, "sign in first (locally: send X-User-Id)"));
    }
    if (route.route().requiresIdentity() && users.size() > 1) {
      // A token has one sub; two headers are no identity (nor can they be joined: ',' may be part of a user id).
      return responses.problem(Problem.of(ErrorCode.VALIDATION_FAILED, "X-User-Id: send one user id"));
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return responses.problem(Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, "the body may be at most 10 MB"));
    }
    ApiGatewayRequest event = ExchangeEvents.from(exchange, route.route(), route.pathParameters(), body, requestId, clock.instant());
    return json.readValue(route.target().invoke(json.writeValueAsBytes(event), requestId), ApiGatewayResponse.class);
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
}
