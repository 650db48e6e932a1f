package dev.ticketing.local;

import com.sun.net.httpserver.HttpExchange;
import dev.ticketing.engine.SamTemplate.HttpRoute;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayRequest.Authorizer;
import dev.ticketing.http.ApiGatewayRequest.Http;
import dev.ticketing.http.ApiGatewayRequest.Jwt;
import dev.ticketing.http.ApiGatewayRequest.RequestContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns an HTTP request into the API Gateway HTTP API event (payload 2.0) AWS would send. */
final class ApiGatewayEvents {
  /** The header that stands for the JWT {@code sub} claim locally. */
  static final String USER_HEADER = "x-user-id";
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private ApiGatewayEvents() {}

  static ApiGatewayRequest from(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters,
      byte[] body, String requestId, Instant now) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        values.forEach(v -> List.of(v.split(";\\s*")).forEach(cookies::add));
      } else {
        headers.put(lower, String.join(",", values));
      }
    });
    String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    Authorizer authorizer = route.requiresIdentity() && headers.containsKey(USER_HEADER)
        ? new Authorizer(new Jwt(Map.of("sub", headers.get(USER_HEADER)), null))
        : null;
    String contentType = headers.getOrDefault("content-type", "");
    boolean text = body.length == 0 || isText(contentType);
    RequestContext context = new RequestContext(
        "000000000000", "local", authorizer,
        headers.getOrDefault("host", "localhost"), "localhost",
        new Http(method, path, "HTTP/1.1", exchange.getRemoteAddress().getAddress().getHostAddress(),
            headers.getOrDefault("user-agent", "")),
        requestId, route.routeKey(), "$default", REQUEST_TIME.format(now), now.toEpochMilli());
    return new ApiGatewayRequest(
        "2.0", route.routeKey(), exchange.getRequestURI().getRawPath(), rawQuery,
        cookies.isEmpty() ? null : cookies,
        headers,
        rawQuery.isEmpty() ? null : queryParameters(rawQuery),
        pathParameters.isEmpty() ? null : pathParameters,
        context,
        body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body),
        !text);
  }

  /** Decoded query parameters; repeated names are joined with commas, as API Gateway does. */
  static Map<String, String> queryParameters(String rawQuery) {
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

  private static boolean isText(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
        || type.startsWith("application/x-www-form-urlencoded") || type.contains("javascript");
  }
}
