package dev.ticketing.functions.priming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.http.ApiGatewayEvents;
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
    ApiGatewayEvents.Builder event = ApiGatewayEvents.request(method, routeKeyPath).user(USER)
        .header("accept", "application/json").header("x-queue-token", TOKEN)
        .requestPath(path, path).requestId("snapstart-priming-request");
    pathParameters.forEach(event::path);
    extraHeaders.forEach(event::header);
    if (body != null) {
      event.body(body);
    }
    try {
      return json.writeValueAsBytes(event.build());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("priming event not serialisable", e);
    }
  }

  public static byte[] get(ObjectMapper json, String routeKeyPath, String path, Map<String, String> pathParameters) {
    return event(json, "GET", routeKeyPath, path, pathParameters, Map.of(), null);
  }
}
