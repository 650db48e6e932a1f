package dev.ticketing.bench.support;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayRequest.Authorizer;
import dev.ticketing.http.ApiGatewayRequest.Http;
import dev.ticketing.http.ApiGatewayRequest.Jwt;
import dev.ticketing.http.ApiGatewayRequest.RequestContext;
import dev.ticketing.http.ApiGatewayResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** API Gateway payload 2.0 events as the HTTP API builds them, and invoking a handler the way Lambda does. */
public final class Events {
  private Events() {}

  public static Builder request(String method, String pathTemplate) {
    return new Builder(method, pathTemplate);
  }

  /** Invokes {@code handler} with the event serialised to JSON, as Lambda would, and reads its response. */
  public static ApiGatewayResponse invoke(ObjectMapper json, RequestStreamHandler handler, ApiGatewayRequest event) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(event)), out, null);
      return json.readValue(out.toByteArray(), ApiGatewayResponse.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static final class Builder {
    private final String method;
    private final String pathTemplate;
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private String userId;
    private String body;
    private String requestId = UUID.randomUUID().toString();

    private Builder(String method, String pathTemplate) {
      this.method = method;
      this.pathTemplate = pathTemplate;
    }

    public Builder user(String id) {
      this.userId = id;
      return this;
    }

    public Builder token(String token) {
      return header("x-queue-token", token);
    }

    public Builder header(String name, String value) {
      headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
      return this;
    }

    public Builder path(String name, String value) {
      pathParameters.put(name, value);
      return this;
    }

    public Builder query(String name, String value) {
      query.put(name, value);
      return this;
    }

    public Builder body(String json) {
      this.body = json;
      headers.putIfAbsent("content-type", "application/json");
      return this;
    }

    public Builder requestId(String id) {
      this.requestId = id;
      return this;
    }

    public ApiGatewayRequest build() {
      String path = pathTemplate;
      for (Map.Entry<String, String> p : pathParameters.entrySet()) {
        path = path.replace("{" + p.getKey() + "}", p.getValue());
      }
      Authorizer authorizer = userId == null ? null : new Authorizer(new Jwt(Map.of("sub", userId), null));
      RequestContext context = new RequestContext("000000000000", "bench", authorizer, "localhost", "localhost",
          new Http(method, path, "HTTP/1.1", "127.0.0.1", "bench"), requestId, method + " " + pathTemplate,
          "$default", "25/Nov/2026:00:00:00 +0000", 0L);
      headers.putIfAbsent("accept", "application/json");
      return new ApiGatewayRequest("2.0", method + " " + pathTemplate, path, "", null, Map.copyOf(headers),
          query.isEmpty() ? null : Map.copyOf(query), pathParameters.isEmpty() ? null : Map.copyOf(pathParameters),
          context, body, false);
    }
  }
}
