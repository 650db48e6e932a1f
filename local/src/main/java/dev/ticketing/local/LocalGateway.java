package dev.ticketing.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ticketing.engine.SamTemplate.HttpRoute;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.ErrorCode;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.http.HttpResponses;
import dev.ticketing.http.Problem;
import dev.ticketing.local.auth.JwtAuthorizer;
import dev.ticketing.local.auth.LocalSignIn;
import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What API Gateway does in AWS, on a loopback port: matches the route, verifies the bearer token
 * as the JWT authorizer would ({@link JwtAuthorizer}: 401, or 403 without the scope), answers as
 * the gateway would for an unknown route (404), turns the exchange into the event AWS would send,
 * invokes the route's function in-process and writes its response. Anything else is the
 * development issuer ({@link LocalSignIn}), this run's {@code config.js}, a packaged static file or a 404.
 *
 * <p>It is a server people leave running, so no client can take more than its share:
 * <ul>
 *   <li>A request is read on a connection thread, one per open connection, and must arrive whole
 *   within {@link JdkServerSettings#REQUEST_SECONDS} or its connection is closed. Only a request
 *   that has arrived takes one of the {@link #FUNCTION_THREADS} function threads, so slow clients
 *   never hold them.
 *   <li>A body over {@link HttpRequest#MAX_BODY_BYTES}, the most any function accepts, is refused
 *   with 413 before it is read (its declared length) or as soon as the limit is passed (a chunked
 *   body): a request holds at most that much memory however large a body it sends; the rest is
 *   discarded as it arrives ({@link JdkServerSettings#DISCARDED_BODY_BYTES}).
 * </ul>
 */
final class LocalGateway implements AutoCloseable {
  static final int MAX_BODY_BYTES = HttpRequest.MAX_BODY_BYTES;
  /** Functions running at once; requests beyond them wait, already read, for a free thread. */
  static final int FUNCTION_THREADS = 64;

  private final HttpServer server;
  private final ExecutorService connectionThreads;
  private final ExecutorService functionThreads;
  private final Routes<LocalFunction> routes;
  private final StaticFiles staticFiles = StaticFiles.fromClasspath();
  private final LocalSignIn signIn;
  private final ObjectMapper json;
  private final JsonLog log;
  private final HttpResponses responses;
  private final Clock clock;

  private LocalGateway(HttpServer server, ExecutorService connectionThreads, ExecutorService functionThreads,
      Routes<LocalFunction> routes, LocalSignIn signIn, ObjectMapper json, JsonLog log, Clock clock) {
    this.server = server;
    this.signIn = signIn;
    this.connectionThreads = connectionThreads;
    this.functionThreads = functionThreads;
    this.routes = routes;
    this.json = json;
    this.log = log;
    this.responses = new HttpResponses(json);
    this.clock = clock;
  }

  /** The port asked for is taken: what a newcomer meets when a runtime is already running. */
  static final class PortInUse extends IllegalStateException {
    PortInUse(int port, BindException cause) {
      super("port " + port + " is in use (another runtime still running?): stop what holds it, or choose another"
          + " port with PORT, e.g. PORT=" + (port == 65_535 ? 3001 : port + 1) + " (PORT=0 picks a free one)", cause);
    }
  }

  /**
   * {@link PortInUse} if {@code port} is taken now: checked before the engine starts and the
   * catalogue is seeded, so a busy port is told at once (the bind itself is checked again).
   */
  static void requireFree(int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (BindException e) {
      throw new PortInUse(port, e);
    } catch (IOException e) {
      // Not a busy port: the bind that serves will say what it is.
    }
  }

  /**
   * Serves every HttpApi route of {@code functions} on 127.0.0.1:{@code port} (0: a free one),
   * with sign-in as {@code env} sets it ({@link LocalSignIn}); {@link PortInUse} if that port is taken.
   */
  static LocalGateway start(int port, List<LocalFunction> functions, Map<String, String> env, ObjectMapper json,
      JsonLog log, Clock clock) throws IOException {
    Routes<LocalFunction> routes = new Routes<>();
    functions.forEach(function -> function.definition().routes().forEach(route -> routes.add(route, function)));
    JdkServerSettings.apply();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    } catch (BindException e) {
      throw new PortInUse(port, e);
    }
    LocalSignIn signIn;
    try {
      // The development issuer's default URL names the port actually bound.
      signIn = LocalSignIn.fromEnvironment(env, server.getAddress().getPort(), clock);
    } catch (RuntimeException e) {
      server.stop(0);
      throw e;
    }
    // The JDK server reads each request on a thread of its executor: one per connection, as many
    // as it allows connections, ended when idle.
    ExecutorService connectionThreads = new ThreadPoolExecutor(0, JdkServerSettings.MAX_CONNECTIONS, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), LocalThreads.daemons("http"));
    ExecutorService functionThreads = Executors.newFixedThreadPool(FUNCTION_THREADS, LocalThreads.daemons("function"));
    server.setExecutor(connectionThreads);
    LocalGateway gateway = new LocalGateway(server, connectionThreads, functionThreads, routes, signIn, json, log,
        clock);
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

  LocalSignIn signIn() {
    return signIn;
  }

  @Override
  public void close() {
    server.stop(0);
    connectionThreads.shutdownNow();
    functionThreads.shutdownNow();
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
      // Local extras; in AWS the identity provider is elsewhere and the app's files are hosted apart.
      if (path != null && path.startsWith("/dev-issuer/")) {
        Optional<byte[]> form = bodyWithinLimit(exchange);
        Optional<ApiGatewayResponse> issuer = form.flatMap(bytes ->
            signIn.serveIssuer(method, path, exchange.getRequestURI().getRawQuery(), bytes));
        if (issuer.isPresent()) {
          return issuer.get();
        }
      }
      if (method.equals("GET") && "/config.js".equals(path)) {
        // This run's settings (its issuer), not the deployment template packaged with the app.
        return signIn.configJs();
      }
      Optional<ApiGatewayResponse> file = staticFiles.serve(method, path);
      if (file.isPresent()) {
        return file.get();
      }
      return responses.problem(Problem.of(ErrorCode.ROUTE_NOT_FOUND, "no route for " + method + " " + path));
    }
    Routes.Match<LocalFunction> route = match.get();
    Optional<JwtAuthorizer.Allowed> token = Optional.empty();
    if (route.route().requiresIdentity()) {
      List<String> authorizations = exchange.getRequestHeaders().get("Authorization");
      List<String> users = exchange.getRequestHeaders().get(ExchangeEvents.USER_HEADER);
      if (authorizations != null) {
        // A bearer token always wins over X-User-Id, and must verify: in AWS the authorizer answers
        // before any handler runs.
        JwtAuthorizer.Decision decision = authorizations.size() > 1
            ? new JwtAuthorizer.Denied(false, "send one Authorization header")
            : signIn.authorizer().<JwtAuthorizer.Decision>map(authorizer -> authorizer.authorize(authorizations.get(0),
                    route.route().authorizationScopes()))
                .orElseGet(() -> new JwtAuthorizer.Denied(false, "no issuer is configured (JWT_ISSUER, or DEV_ISSUER on)"));
        if (decision instanceof JwtAuthorizer.Denied denied) {
          return responses.problem(Problem.of(denied.lacksScope() ? ErrorCode.INSUFFICIENT_SCOPE : ErrorCode.UNAUTHENTICATED,
              denied.detail()));
        }
        token = Optional.of((JwtAuthorizer.Allowed) decision);
      } else if (users == null) {
        return responses.problem(Problem.of(ErrorCode.UNAUTHENTICATED,
            "sign in first: send a bearer token (locally also X-User-Id)"));
      } else if (users.size() > 1) {
        // A token has one sub; two headers are no identity (nor can they be joined: ',' may be part of a user id).
        return responses.problem(Problem.of(ErrorCode.VALIDATION_FAILED, "X-User-Id: send one user id"));
      }
    }
    Optional<byte[]> body = bodyWithinLimit(exchange);
    if (body.isEmpty()) {
      return responses.problem(Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, "the body may be at most " + MAX_BODY_BYTES + " bytes"));
    }
    ApiGatewayRequest event = ExchangeEvents.from(exchange, route.route(), route.pathParameters(), body.get(), requestId,
        clock.instant(), token);
    byte[] payload = json.writeValueAsBytes(event);
    // The request has arrived whole: only now does it take a function thread.
    Future<byte[]> invocation = functionThreads.submit(() -> route.target().invoke(payload, requestId));
    try {
      return json.readValue(invocation.get(), ApiGatewayResponse.class);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      invocation.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("stopped while a function ran", e);
    }
  }

  /**
   * The body, if it is within the limit; empty if it is not. A declared length over the limit is
   * refused unread; a chunked body is read up to one byte past it. The JDK server then discards
   * what is left, up to {@link JdkServerSettings#DISCARDED_BODY_BYTES}, or closes the connection.
   */
  private static Optional<byte[]> bodyWithinLimit(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && Long.parseLong(declared.trim()) > MAX_BODY_BYTES) {
      return Optional.empty();
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(body);
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
}
