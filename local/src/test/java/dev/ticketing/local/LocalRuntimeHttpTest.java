package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.http.ApiGatewayEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local runtime over a real socket: routes from the template, seeded data, API Gateway's answers. */
@ExtendWith(DynamoDbExtension.class)
class LocalRuntimeHttpTest {

  @Test
  void serves_the_seeded_catalogue_page_by_page(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of())) {
      List<String> ids = new ArrayList<>();
      String path = "/concerts?limit=2";
      while (path != null) {
        LocalHttp.Reply reply = http.get(path, Map.of());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        reply.body().get("concerts").forEach(c -> ids.add(c.get("concertId").asText()));
        path = reply.body().get("nextCursor").isNull() ? null : "/concerts?limit=2&cursor=" + reply.body().get("nextCursor").asText();
      }
      assertThat(ids).containsExactly("hangang-jazz-night", "neon-tide-tour", "opening-night", "winter-gala");
    }
  }

  @Test
  void unknown_routes_and_methods_are_problem_json_404(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of())) {
      for (String[] request : new String[][] {{"GET", "/nope"}, {"DELETE", "/concerts"}, {"GET", "/concerts/x/y/z/w"}}) {
        LocalHttp.Reply reply = http.send(request[0], request[1], Map.of(), null);
        assertThat(reply.status()).as(request[0] + " " + request[1]).isEqualTo(404);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.body().get("code").asText()).isEqualTo("ROUTE_NOT_FOUND");
      }
    }
  }

  @Test
  void bad_query_input_is_a_problem_json_400_naming_the_field(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of())) {
      for (String query : List.of("limit=0", "limit=101", "limit=x", "cursor=%00%01", "cursor=" + "A".repeat(600))) {
        LocalHttp.Reply reply = http.get("/concerts?" + query, Map.of());
        assertThat(reply.status()).as(query).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.body().get("detail").asText()).as(query).startsWith(query.substring(0, query.indexOf('=')) + ":");
      }
    }
  }

  @Test
  void builds_the_api_gateway_event_from_the_request() {
    assertThat(ApiGatewayEvents.queryParameters("a=1&b=x%20y&a=2&flag")).containsExactly(
        Map.entry("a", "1,2"), Map.entry("b", "x y"), Map.entry("flag", ""));
  }
}
