package dev.ticketing.http;

import dev.ticketing.http.ApiGatewayRequest.Authorizer;
import dev.ticketing.http.ApiGatewayRequest.Http;
import dev.ticketing.http.ApiGatewayRequest.Jwt;
import dev.ticketing.http.ApiGatewayRequest.RequestContext;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one builder of API Gateway HTTP API events (payload format 2.0), shaped as AWS sends
 * them: SnapStart priming, the tests, the benchmarks and the local runtime's translation of an
 * HTTP exchange all build their events here. Unset parts take what a plain request would carry:
 * no identity, no query, no body, a fresh request id.
 */
public final class ApiGatewayEvents {
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private ApiGatewayEvents() {}

  /** An event of the route {@code method routePath}, e.g. {@code ("GET", "/concerts/{concertId}/schedules")}. */
  public static Builder request(String method, String routePath) {
    return new Builder(method, routePath);
  }

  /** Decoded query parameters; repeated names are joined with commas, as API Gateway does. */
  public static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value;
    }
  }

  public static final class Builder {
    private final String method;
    private final String routePath;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final List<String> cookies = new ArrayList<>();
    private String rawQuery;
    private String rawPath;
    private String decodedPath;
    private String userId;
    private Map<String, String> claims;
    private List<String> scopes;
    private String body;
    private boolean base64Encoded;
    private String requestId = UUID.randomUUID().toString();
    private Instant time = Instant.EPOCH;
    private String sourceIp = "127.0.0.1";

    private Builder(String method, String routePath) {
      this.method = method;
      this.routePath = routePath;
    }

    /** The signed-in caller: the JWT {@code sub} claim the authorizer passes on. */
    public Builder user(String sub) {
      this.userId = sub;
      this.claims = null;
      this.scopes = null;
      return this;
    }

    /**
     * What the JWT authorizer passes on for a verified token: every claim, each as a string, and
     * the token's scopes (null when it has none). Takes the place of {@link #user}.
     */
    public Builder jwt(Map<String, String> claims, List<String> scopes) {
      this.claims = Map.copyOf(claims);
      this.scopes = scopes == null ? null : List.copyOf(scopes);
      this.userId = null;
      return this;
    }

    /** A header, its name lower-cased as API Gateway delivers it; repeated values joined with commas. */
    public Builder header(String name, String value) {
      headers.put(name.toLowerCase(Locale.ROOT), value);
      return this;
    }

    public Builder path(String name, String value) {
      pathParameters.put(name, value);
      return this;
    }

    public Builder query(String name, String value) {
      query.merge(name, value, (a, b) -> a + "," + b);
      return this;
    }

    /** The query string as received; its parameters are decoded from it. */
    public Builder rawQuery(String raw) {
      this.rawQuery = raw;
      query.clear();
      query.putAll(queryParameters(raw));
      return this;
    }

    /** The path as received, raw and decoded; by default the route's path with its parameters. */
    public Builder requestPath(String raw, String decoded) {
      this.rawPath = raw;
      this.decodedPath = decoded;
      return this;
    }

    public Builder cookie(String cookie) {
      cookies.add(cookie);
      return this;
    }

    /** A JSON body; the content type is {@code application/json} unless one was given. */
    public Builder body(String json) {
      this.body = json;
      this.base64Encoded = false;
      headers.putIfAbsent("content-type", "application/json");
      return this;
    }

    /** The body as API Gateway passes it on: text as it is, or binary as base64. */
    public Builder rawBody(String body, boolean base64Encoded) {
      this.body = body;
      this.base64Encoded = base64Encoded;
      return this;
    }

    public Builder requestId(String id) {
      this.requestId = id;
      return this;
    }

    public Builder time(Instant at) {
      this.time = at;
      return this;
    }

    public Builder sourceIp(String ip) {
      this.sourceIp = ip;
      return this;
    }

    public ApiGatewayRequest build() {
      String path = decodedPath != null ? decodedPath : filledRoutePath();
      String raw = rawPath != null ? rawPath : path;
      String rawQueryString = rawQuery != null ? rawQuery : query.entrySet().stream()
          .map(p -> encode(p.getKey()) + "=" + encode(p.getValue())).collect(Collectors.joining("&"));
      Authorizer authorizer = claims != null ? new Authorizer(new Jwt(claims, scopes))
          : userId == null ? null : new Authorizer(new Jwt(Map.of("sub", userId), null));
      RequestContext context = new RequestContext("000000000000", "api", authorizer,
          headers.getOrDefault("host", "localhost"), "localhost",
          new Http(method, path, "HTTP/1.1", sourceIp, headers.getOrDefault("user-agent", "")),
          requestId, routeKey(), "$default", REQUEST_TIME.format(time), time.toEpochMilli());
      return new ApiGatewayRequest("2.0", routeKey(), raw, rawQueryString, cookies.isEmpty() ? null : List.copyOf(cookies),
          Map.copyOf(headers), query.isEmpty() ? null : Map.copyOf(query),
          pathParameters.isEmpty() ? null : Map.copyOf(pathParameters), context, body, base64Encoded);
    }

    private String routeKey() {
      return method + " " + routePath;
    }

    private String filledRoutePath() {
      String path = routePath;
      for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
        path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
      }
      return path;
    }

    private static String encode(String value) {
      return Optional.ofNullable(value).map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)).orElse("");
    }
  }
}
