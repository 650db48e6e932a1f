package dev.ticketing.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The API Gateway HTTP API event, payload format 2.0, as AWS sends it (and as the local runtime
 * builds it). Fields AWS may add later are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiGatewayRequest(
    String version,
    String routeKey,
    String rawPath,
    String rawQueryString,
    List<String> cookies,
    Map<String, String> headers,
    Map<String, String> queryStringParameters,
    Map<String, String> pathParameters,
    RequestContext requestContext,
    String body,
    boolean isBase64Encoded) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RequestContext(
      String accountId,
      String apiId,
      Authorizer authorizer,
      String domainName,
      String domainPrefix,
      Http http,
      String requestId,
      String routeKey,
      String stage,
      String time,
      long timeEpoch) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Authorizer(Jwt jwt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Jwt(Map<String, String> claims, List<String> scopes) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Http(String method, String path, String protocol, String sourceIp, String userAgent) {}
}
