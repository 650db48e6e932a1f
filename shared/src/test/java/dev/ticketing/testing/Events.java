package dev.ticketing.testing;

import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayRequest.Authorizer;
import dev.ticketing.http.ApiGatewayRequest.Http;
import dev.ticketing.http.ApiGatewayRequest.Jwt;
import dev.ticketing.http.ApiGatewayRequest.RequestContext;
import java.util.HashMap;
import java.util.Map;

/** API Gateway events for handler tests, built the way the HTTP API builds them. */
public final class Events {
  private Events() {}

  public static Builder request(String method, String pathTemplate) {
    return new Builder(method, pathTemplate);
  }

  public static final class Builder {
    private final String method;
    private final String pathTemplate;
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private String userId;
    private String body;

    private Builder(String method, String pathTemplate) {
      this.method = method;
      this.pathTemplate = pathTemplate;
    }

    public Builder user(String id) {
      this.userId = id;
      return this;
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

    public ApiGatewayRequest build() {
      String path = pathTemplate;
      for (Map.Entry<String, String> p : pathParameters.entrySet()) {
        path = path.replace("{" + p.getKey() + "}", p.getValue());
      }
      Authorizer authorizer = userId == null ? null : new Authorizer(new Jwt(Map.of("sub", userId), null));
      RequestContext context = new RequestContext("000000000000", "test", authorizer, "localhost", "localhost",
          new Http(method, path, "HTTP/1.1", "127.0.0.1", "test"), "test-request", method + " " + pathTemplate,
          "$default", "25/Nov/2026:00:00:00 +0000", 0L);
      return new ApiGatewayRequest("2.0", method + " " + pathTemplate, path, "", null, Map.copyOf(headers),
          query.isEmpty() ? null : Map.copyOf(query), pathParameters.isEmpty() ? null : Map.copyOf(pathParameters),
          context, body, false);
    }
  }
}
