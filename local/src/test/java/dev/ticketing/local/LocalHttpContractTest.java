package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.local.contract.OpenApiContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every response an HTTP test receives through LocalHttp is held against the OpenAPI description. */
@ExtendWith(DynamoDbExtension.class)
class LocalHttpContractTest {
  private static final Path OPENAPI = ProjectFiles.findUpwards(Path.of("openapi.yaml")).orElseThrow();

  /** openapi.yaml with one edit, so the real runtime's answers drift from it. */
  private static OpenApiContract doctored(String from, String to) throws Exception {
    String yaml = Files.readString(OPENAPI);
    assertThat(yaml).contains(from);
    return OpenApiContract.parse(OPENAPI, yaml.replace(from, to));
  }

  @Test
  void a_body_that_drifts_from_the_schema_fails_the_request(TestTable table) throws Exception {
    OpenApiContract withoutVenue = doctored(
        "        venue:\n          type: string\n        saleOpensAt:\n", "        saleOpensAt:\n");
    try (LocalHttp http = LocalHttp.start(table, Map.of(), withoutVenue)) {
      assertThatThrownBy(() -> http.get("/concerts", Map.of()))
          .isInstanceOf(AssertionError.class).hasMessageContaining("GET /concerts -> 200").hasMessageContaining("venue");
    }
  }

  @Test
  void an_undocumented_status_fails_the_request(TestTable table) throws Exception {
    OpenApiContract without400 = doctored(
        "                $ref: '#/components/schemas/ConcertPage'\n        '400':\n          $ref: '#/components/responses/BadRequest'\n",
        "                $ref: '#/components/schemas/ConcertPage'\n");
    try (LocalHttp http = LocalHttp.start(table, Map.of(), without400)) {
      assertThat(http.get("/concerts", Map.of()).status()).isEqualTo(200);
      assertThatThrownBy(() -> http.get("/concerts?limit=0", Map.of()))
          .isInstanceOf(AssertionError.class).hasMessageContaining("GET /concerts -> 400: status not documented");
      assertThat(without400.exercised()).containsExactly("GET /concerts");
    }
  }

  @Test
  void a_route_answered_outside_the_description_fails_the_request(TestTable table) throws Exception {
    OpenApiContract withoutConcerts = doctored("  /concerts:\n    get:\n", "  /catalogue:\n    get:\n");
    try (LocalHttp http = LocalHttp.start(table, Map.of(), withoutConcerts)) {
      assertThatThrownBy(() -> http.get("/concerts", Map.of()))
          .isInstanceOf(AssertionError.class).hasMessageContaining("neither an operation of openapi.yaml");
    }
  }
}
