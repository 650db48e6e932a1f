package dev.ticketing.local.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.HttpRoute;
import dev.ticketing.http.ErrorCode;
import dev.ticketing.local.contract.OpenApiContract.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** openapi.yaml agrees with template.yaml, docs/api.md and the code, and is complete per operation. */
class OpenApiDocumentTest {
  private final OpenApiContract contract = OpenApiContract.shared();
  private final JsonNode document = contract.document();

  @Test
  void is_a_valid_openapi_3_1_document() throws IOException {
    assertThat(document.path("openapi").asText()).startsWith("3.1.");
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/oas-schema/schema.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
    assertThat(schema.validate(document)).as("violations of the OpenAPI 3.1 schema").isEmpty();
  }

  @Test
  void documents_every_route_of_the_template() {
    Set<String> documented = contract.operations().stream().map(Operation::key).collect(Collectors.toSet());
    List<HttpRoute> routes = SamTemplate.locate().functions().stream().flatMap(f -> f.routes().stream()).toList();
    assertThat(routes).isNotEmpty();
    for (HttpRoute route : routes) {
      assertThat(documented).as("openapi.yaml documents " + route.routeKey()).contains(route.routeKey());
    }
  }

  @Test
  void documents_exactly_the_endpoints_of_docs_api_md() throws IOException {
    Path api = ProjectFiles.findUpwards(Path.of("docs", "api.md")).orElseThrow();
    Matcher routes = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s?]*)").matcher(Files.readString(api));
    Set<String> inDocs = new TreeSet<>();
    while (routes.find()) {
      inDocs.add(routes.group(1) + " " + routes.group(2));
    }
    assertThat(inDocs).hasSizeGreaterThanOrEqualTo(11);
    Set<String> documented = contract.operations().stream().map(Operation::key).collect(Collectors.toCollection(TreeSet::new));
    assertThat(documented).isEqualTo(inDocs);
  }

  @Test
  void every_operation_lists_the_statuses_every_caller_can_meet() {
    for (Operation operation : contract.operations()) {
      JsonNode node = document.at(operation.pointer());
      Set<String> statuses = new LinkedHashSet<>();
      node.path("responses").fieldNames().forEachRemaining(statuses::add);
      String name = operation.key();
      assertThat(statuses).as(name).contains("400", "429", "500", "503");
      assertThat(statuses.stream().anyMatch(s -> s.startsWith("2"))).as(name + " documents a success").isTrue();
      boolean needsIdentity = !node.has("security") || !node.get("security").isEmpty();
      if (needsIdentity) {
        // 401: no token, or one that does not verify; 403: a valid token without the route's scope.
        assertThat(statuses).as(name + " needs identity").contains("401", "403");
      }
      if (operation.path().contains("{")) {
        assertThat(statuses).as(name + " names a resource").contains("404");
      }
      if (node.has("requestBody")) {
        assertThat(statuses).as(name + " takes a body").contains("413", "415");
      }
      boolean gated = StreamSupport.stream(node.path("parameters").spliterator(), false)
          .anyMatch(p -> p.path("$ref").asText().endsWith("/QueueToken"));
      if (gated) {
        assertThat(statuses).as(name + " takes a queue token").contains("401", "403");
      }
      assertThat(document.at(operation.pointer() + "/operationId").asText()).as(name + " operationId").isNotBlank();
    }
  }

  @Test
  void the_error_codes_are_the_codes_of_the_api_and_each_problem_status_lists_exactly_its_codes() {
    List<String> documented = new ArrayList<>();
    document.at("/components/schemas/ErrorCode/enum").forEach(code -> documented.add(code.asText()));
    assertThat(documented).containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());

    Set<Integer> statuses = Arrays.stream(ErrorCode.values()).map(ErrorCode::status).collect(Collectors.toCollection(TreeSet::new));
    for (int status : statuses) {
      JsonNode refinement = document.at("/components/schemas/Problem" + status + "/allOf/1/properties");
      assertThat(refinement.path("status").path("const").asInt()).as("Problem" + status + " status").isEqualTo(status);
      Set<String> codes = new TreeSet<>();
      refinement.path("code").path("enum").forEach(code -> codes.add(code.asText()));
      assertThat(codes).as("Problem" + status + " codes").isEqualTo(Arrays.stream(ErrorCode.values())
          .filter(code -> code.status() == status).map(Enum::name).collect(Collectors.toCollection(TreeSet::new)));
    }
  }

  @Test
  void every_local_reference_resolves() {
    List<String> dangling = new ArrayList<>();
    collectReferences(document, dangling);
    assertThat(dangling).as("dangling $refs").isEmpty();
  }

  private void collectReferences(JsonNode node, List<String> dangling) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && (!ref.asText().startsWith("#/") || document.at(ref.asText().substring(1)).isMissingNode())) {
        dangling.add(ref.asText());
      }
      node.elements().forEachRemaining(child -> collectReferences(child, dangling));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectReferences(child, dangling));
    }
  }
}
