package dev.ticketing.functions.priming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayRequest.Authorizer;
import dev.ticketing.http.ApiGatewayRequest.Http;
import dev.ticketing.http.ApiGatewayRequest.Jwt;
import dev.ticketing.http.ApiGatewayRequest.RequestContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Synthetic API Gateway events for priming, shaped as AWS sends them, each refused or answered
 * after its reads and before any write: an unknown queue token fails the gate (401), an unknown
 * reservation is not found (404), a zero amount is invalid (400). The queue token's secret is a
 * fixed value that a real token (192 random bits) does not take.
 */
public final class PrimingEvents {
  public static final String USER = "snapstart-priming";
  public static final String CONCERT = "snapstart-priming";
  public static final String TOKEN = CONCERT + ".PRIMINGPRIMINGPRIMINGPRIMINGPRIM";

  private PrimingEvents() {}

  /** The event of {@code method routeKeyPath}, with {@code path} the concrete path and the given headers and body. */
  public static byte[] event(ObjectMapper json, String method, String routeKeyPath, String path,
      Map<String, String> pathParameters, Map<String, String> extraHeaders, String body) {
    Map<String, String> headers = new HashMap<>(Map.of("accept", "application/json", "x-queue-token", TOKEN));
    headers.putAll(extraHeaders);
    if (body != null) {
      headers.put("content-type", "application/json");
    }
    RequestContext context = new RequestContext("000000000000", "priming",
        new Authorizer(new Jwt(Map.of("sub", USER), null)), "priming", "priming",
        new Http(method, path, "HTTP/1.1", "127.0.0.1", "priming"), "snapstart-priming-request",
        method + " " + routeKeyPath, "$default", "01/Jan/2026:00:00:00 +0000", 0L);
    ApiGatewayRequest event = new ApiGatewayRequest("2.0", method + " " + routeKeyPath, path, "", null, headers,
        null, pathParameters.isEmpty() ? null : pathParameters, context, body, false);
    try {
      return json.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("priming event not serialisable", e);
    }
  }

  public static byte[] get(ObjectMapper json, String routeKeyPath, String path, Map<String, String> pathParameters) {
    return event(json, "GET", routeKeyPath, path, pathParameters, Map.of(), null);
  }
}
