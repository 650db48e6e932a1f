package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.SamTemplate;
import dev.ticketing.local.contract.OpenApiContract;
import dev.ticketing.local.contract.OpenApiContract.Operation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of this module, in a surefire run of its own (local/pom.xml,
 * profile openapi-coverage): each operation of openapi.yaml that the runtime serves today (a route
 * of template.yaml) must have been called by some HTTP test through {@link LocalHttp}, whose
 * responses are all checked against the document, in any of the module's test JVMs. Operations documented ahead of their implementation are not required
 * until their route lands in template.yaml; from then on they are.
 */
class OpenApiCoverageTest {

  @Test
  void every_served_documented_operation_was_exercised_by_the_http_tests() {
    OpenApiContract contract = OpenApiContract.shared();
    Set<String> served = SamTemplate.locate().functions().stream()
        .flatMap(function -> function.routes().stream())
        .map(route -> OpenApiContract.shapeOf(route.method(), route.path()))
        .collect(Collectors.toSet());
    List<String> required = contract.operations().stream()
        .filter(operation -> served.contains(operation.shape()))
        .map(Operation::key)
        .sorted()
        .toList();
    assertThat(required).as("operations of openapi.yaml served by template.yaml's routes").isNotEmpty();
    assertThat(contract.exercised())
        .as("operations exercised by the HTTP tests of this run (run the whole module: mvn -B test -pl local -am)")
        .containsAll(required);
  }
}
