package dev.ticketing.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one event builder makes events the way the HTTP API does (payload format 2.0). */
class ApiGatewayEventsTest {

  @Test
  void fills_the_route_its_parameters_the_identity_and_a_json_body() {
    ApiGatewayRequest event = ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens")
        .path("concertId", "winter-gala").user("alice").header("X-Queue-Token", "t").query("limit", "a b")
        .body("{}").time(Instant.parse("2026-11-25T10:00:00Z")).build();

    assertThat(event.version()).isEqualTo("2.0");
    assertThat(event.routeKey()).isEqualTo("POST /concerts/{concertId}/queue/tokens");
    assertThat(event.rawPath()).isEqualTo("/concerts/winter-gala/queue/tokens");
    assertThat(event.pathParameters()).containsExactly(Map.entry("concertId", "winter-gala"));
    assertThat(event.headers()).containsEntry("x-queue-token", "t").containsEntry("content-type", "application/json");
    assertThat(event.queryStringParameters()).containsExactly(Map.entry("limit", "a b"));
    assertThat(event.rawQueryString()).isEqualTo("limit=a+b");
    assertThat(event.requestContext().authorizer().jwt().claims()).containsExactly(Map.entry("sub", "alice"));
    assertThat(event.requestContext().http().method()).isEqualTo("POST");
    assertThat(event.requestContext().http().path()).isEqualTo("/concerts/winter-gala/queue/tokens");
    assertThat(event.requestContext().time()).isEqualTo("25/Nov/2026:10:00:00 +0000");
    assertThat(event.requestContext().timeEpoch()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z").toEpochMilli());
    assertThat(event.body()).isEqualTo("{}");
    assertThat(event.isBase64Encoded()).isFalse();
  }

  @Test
  void a_plain_request_has_no_identity_no_query_no_body_and_its_own_request_id() {
    ApiGatewayRequest first = ApiGatewayEvents.request("GET", "/concerts").build();
    ApiGatewayRequest second = ApiGatewayEvents.request("GET", "/concerts").build();

    assertThat(first.requestContext().authorizer()).isNull();
    assertThat(first.queryStringParameters()).isNull();
    assertThat(first.pathParameters()).isNull();
    assertThat(first.body()).isNull();
    assertThat(first.requestContext().requestId()).isNotBlank().isNotEqualTo(second.requestContext().requestId());
  }

  @Test
  void keeps_a_received_path_query_and_binary_body_as_they_came() {
    ApiGatewayRequest event = ApiGatewayEvents.request("GET", "/reservations/{reservationId}")
        .requestPath("/reservations/a%2Fb", "/reservations/a/b").path("reservationId", "a/b")
        .rawQuery("a=1&b=x%20y&a=2").rawBody("AAEC", true).build();

    assertThat(event.rawPath()).isEqualTo("/reservations/a%2Fb");
    assertThat(event.requestContext().http().path()).isEqualTo("/reservations/a/b");
    assertThat(event.rawQueryString()).isEqualTo("a=1&b=x%20y&a=2");
    assertThat(event.queryStringParameters()).containsOnly(Map.entry("a", "1,2"), Map.entry("b", "x y"));
    assertThat(event.body()).isEqualTo("AAEC");
    assertThat(event.isBase64Encoded()).isTrue();
    assertThat(event.headers()).doesNotContainKey("content-type");
  }
}
