package dev.ticketing.local;

import com.sun.net.httpserver.HttpExchange;
import dev.ticketing.engine.SamTemplate.HttpRoute;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.local.auth.JwtAuthorizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns an HTTP exchange into the API Gateway HTTP API event (payload 2.0) AWS would send for it. */
final class ExchangeEvents {
  /**
   * The header that stands for the JWT {@code sub} claim locally, a convenience for scripts and
   * tests: honoured only on a request without an {@code Authorization} header.
   */
  static final String USER_HEADER = "x-user-id";

  private ExchangeEvents() {}

  static ApiGatewayRequest from(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters,
      byte[] body, String requestId, Instant now, Optional<JwtAuthorizer.Allowed> token) {
    ApiGatewayEvents.Builder event = ApiGatewayEvents.request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), route.path())
        .requestPath(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getPath())
        .rawQuery(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""))
        .sourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
        .requestId(requestId)
        .time(now);
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (name.equalsIgnoreCase("cookie")) {
        values.forEach(value -> List.of(value.split(";\\s*")).forEach(event::cookie));
      } else {
        event.header(name, String.join(",", values));
      }
    });
    pathParameters.forEach(event::path);
    String user = exchange.getRequestHeaders().getFirst(USER_HEADER);
    if (route.requiresIdentity() && token.isPresent()) {
      // As the JWT authorizer hands them on: every claim, and the scopes.
      event.jwt(token.get().claims(), token.get().scopes());
    } else if (route.requiresIdentity() && user != null) {
      // In AWS the JWT authorizer sets the claim; locally the header stands for it (LocalGateway
      // refuses it sent twice: a comma is a valid character of a user id, so values cannot be joined).
      event.user(user);
    }
    if (body.length > 0) {
      boolean text = isText(Optional.ofNullable(exchange.getRequestHeaders().getFirst("content-type")).orElse(""));
      event.rawBody(text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body), !text);
    }
    return event.build();
  }

  private static boolean isText(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
        || type.startsWith("application/x-www-form-urlencoded") || type.contains("javascript");
  }
}
