package dev.ticketing.functions.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import dev.ticketing.testing.SmallCatalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.LocalDynamoDb;
import dev.ticketing.engine.ProjectFiles;
import java.net.URI;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.TestApp;
import dev.ticketing.wiring.AppComponent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handler as Lambda runs it: the sample event's bytes in, the response's bytes out. */
@ExtendWith(DynamoDbExtension.class)
class ListConcertsHandlerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode invoke(ListConcertsHandler handler, byte[] event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, null);
    return json.readTree(out.toByteArray());
  }

  @Test
  void answers_the_sample_event_with_the_first_page_and_a_cursor(TestTable table) throws Exception {
    AppComponent app = TestApp.on(table, CLOCK);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(CLOCK));
    byte[] sample = Files.readAllBytes(ProjectFiles.findUpwards(Path.of("events", "list-concerts.json")).orElseThrow());

    JsonNode response = invoke(new ListConcertsHandler(app), sample);

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.at("/headers/content-type").asText()).isEqualTo("application/json");
    JsonNode body = json.readTree(response.get("body").asText());
    assertThat(body.get("concerts")).hasSize(2);
    assertThat(body.at("/concerts/0/concertId").asText()).isEqualTo("hangang-jazz-night");
    assertThat(body.at("/concerts/0").fieldNames()).toIterable().containsExactly("concertId", "title", "artist", "venue",
        "saleOpensAt", "saleState", "drawCommitment", "drawSeed");
    assertThat(body.at("/concerts/0/saleState").asText()).isEqualTo("OPEN");
    assertThat(body.at("/concerts/0/saleOpensAt").isNull()).as("open since it was created").isTrue();
    assertThat(response.at("/headers/cache-control").asText()).isEqualTo("public, max-age=5");
    assertThat(body.get("nextCursor").isTextual()).isTrue();
  }

  @Test
  void a_bad_limit_is_a_problem_json_400(TestTable table) throws Exception {
    String event = new String(Files.readAllBytes(ProjectFiles.findUpwards(Path.of("events", "list-concerts.json")).orElseThrow()))
        .replace("\"limit\": \"2\"", "\"limit\": \"0\"");
    JsonNode response = invoke(new ListConcertsHandler(TestApp.on(table, CLOCK)), event.getBytes());
    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(response.at("/headers/content-type").asText()).isEqualTo("application/problem+json");
    JsonNode problem = json.readTree(response.get("body").asText());
    assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(problem.get("detail").asText()).startsWith("limit:");
  }

  @Test
  void storage_that_stays_unreachable_is_a_503_with_retry_after(TestTable table) throws Exception {
    // Nothing listens on port 1: every storage call fails after the SDK's retries.
    TestTable unreachable = new TestTable(table.name(), LocalDynamoDb.client(URI.create("http://127.0.0.1:1")),
        URI.create("http://127.0.0.1:1"), "unreachable");
    AppComponent app = TestApp.on(unreachable, CLOCK);
    byte[] sample = Files.readAllBytes(ProjectFiles.findUpwards(Path.of("events", "list-concerts.json")).orElseThrow());
    JsonNode response = invoke(new ListConcertsHandler(app), sample);
    assertThat(response.get("statusCode").asInt()).isEqualTo(503);
    assertThat(response.at("/headers/retry-after").asText()).isEqualTo("1");
  }
}
