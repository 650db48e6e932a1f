package dev.ticketing.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;

/** Builds API Gateway responses: JSON bodies and problem+json errors. */
public final class HttpResponses {
  private final ObjectMapper json;

  public HttpResponses(ObjectMapper json) {
    this.json = json;
  }

  public ApiGatewayResponse json(int status, Object body) {
    return new ApiGatewayResponse(status, Map.of("content-type", "application/json"), write(body), false);
  }

  /** {@code 204 No Content}: done, nothing to say. */
  public ApiGatewayResponse noContent() {
    return new ApiGatewayResponse(204, Map.of(), "", false);
  }

  /**
   * A JSON body any cache may keep for {@code maxAge}: public reads that a sale's first seconds
   * bring by the thousand, answered the same to everyone.
   */
  public ApiGatewayResponse publicJson(int status, Object body, Duration maxAge) {
    return new ApiGatewayResponse(status, Map.of("content-type", "application/json",
        "cache-control", "public, max-age=" + maxAge.toSeconds()), write(body), false);
  }

  public ApiGatewayResponse problem(Problem problem) {
    Map<String, String> headers = problem.status() == 503
        ? Map.of("content-type", "application/problem+json", "retry-after", "1")
        : Map.of("content-type", "application/problem+json");
    return new ApiGatewayResponse(problem.status(), headers, write(problem), false);
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serialisable: " + body.getClass().getSimpleName(), e);
    }
  }
}
