package dev.ticketing.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.log.JsonLog;
import dev.ticketing.maintenance.Maintenance;
import dev.ticketing.maintenance.MaintenanceStep;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.storage.StorageUnavailableException;
import dev.ticketing.testing.FixedCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A failure's message can carry internals or request data (a key with a token's secret, a body):
 * neither the 5xx body nor the log line may hold it. The log says what failed by type, AWS error
 * code and the place in our code, which is enough to find it.
 */
class FailureLoggingTest {
  private static final String SECRET = "winter-gala.c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";
  private final ObjectMapper json = JsonMapper.create();
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final JsonLog log = new JsonLog(json, Clock.systemUTC(), new PrintStream(logged, true, StandardCharsets.UTF_8));

  private ApiGatewayResponse respond(Supplier<ApiGatewayResponse> handle) {
    HttpFunction function = new HttpFunction(json, log, Metrics.NONE) {
      @Override
      protected ApiGatewayResponse handle(HttpRequest request) {
        return handle.get();
      }
    };
    return function.respond(ApiGatewayEvents.request("GET", "/concerts").build());
  }

  private String logText() {
    return logged.toString(StandardCharsets.UTF_8);
  }

  @Test
  void an_unexpected_failure_is_a_bare_500_logged_by_type_and_place_without_its_message() throws Exception {
    ApiGatewayResponse response = respond(() -> {
      throw new IllegalStateException("could not read TOKEN#" + SECRET);
    });

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain(SECRET).doesNotContain("IllegalState");
    JsonNode line = json.readTree(logText());
    assertThat(line.get("level").asText()).isEqualTo("ERROR");
    assertThat(line.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.get("errorOrigin").asText()).startsWith("dev.ticketing.http.FailureLoggingTest");
    assertThat(logText()).doesNotContain(SECRET).doesNotContain("could not read").doesNotContain("\\tat ");
  }

  @Test
  void a_storage_error_is_logged_by_its_aws_code_without_its_message() throws Exception {
    ApiGatewayResponse response = respond(() -> {
      throw DynamoDbException.builder().message("One or more parameter values were invalid: TOKEN#" + SECRET)
          .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
              .errorMessage("One or more parameter values were invalid: TOKEN#" + SECRET).build()).build();
    });

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode line = json.readTree(logText());
    assertThat(line.get("awsErrorCode").asText()).isEqualTo("ValidationException");
    assertThat(line.get("statusCode").asInt()).isEqualTo(400);
    assertThat(logText()).doesNotContain(SECRET).doesNotContain("parameter values");
  }

  @Test
  void storage_that_stays_unavailable_is_a_503_logged_by_the_cause_it_wraps_without_a_message() throws Exception {
    ApiGatewayResponse response = respond(() -> {
      throw new StorageUnavailableException("storage unavailable for TOKEN#" + SECRET, throttled());
    });

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("retry-after", "1");
    JsonNode line = json.readTree(logText());
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("errorType").asText()).isEqualTo(StorageUnavailableException.class.getName());
    assertThat(line.get("causeType").asText()).isEqualTo(DynamoDbException.class.getName());
    assertThat(line.get("awsErrorCode").asText()).isEqualTo("ThrottlingException");
    assertThat(logText()).doesNotContain(SECRET).doesNotContain("exceeds");
  }

  @Test
  void a_maintenance_step_stopped_by_unavailable_storage_is_logged_by_its_cause_without_a_message() {
    MaintenanceStep stopped = failing("stopped-step",
        new StorageUnavailableException("storage unavailable for TOKEN#" + SECRET, throttled()));

    assertThat(maintenance(stopped).runAll().failed()).containsExactly("stopped-step");
    assertThat(logText()).contains("stopped-step").contains("ThrottlingException")
        .doesNotContain(SECRET).doesNotContain("exceeds");
  }

  private static DynamoDbException throttled() {
    return (DynamoDbException) DynamoDbException.builder().message("Rate exceeds the allowed throughput for TOKEN#" + SECRET)
        .statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
            .errorMessage("Rate exceeds the allowed throughput for TOKEN#" + SECRET).build()).build();
  }

  @Test
  void a_failed_maintenance_step_is_logged_without_its_message() {
    MaintenanceStep failing = failing("failing-step", new IllegalStateException("session of TOKEN#" + SECRET + " not ended"));

    List<String> failed = maintenance(failing).runAll().failed();

    assertThat(failed).containsExactly("failing-step");
    assertThat(logText()).contains("failing-step").contains("java.lang.IllegalStateException")
        .doesNotContain(SECRET).doesNotContain("not ended");
  }

  /** The step's round for one concert. */
  private Maintenance maintenance(MaintenanceStep step) {
    return new Maintenance(Set.of(step), FixedCatalog.of("winter-gala").live(Clock.systemUTC()), log);
  }

  private static MaintenanceStep failing(String name, RuntimeException failure) {
    return new MaintenanceStep() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Map<String, Long> runFor(String concertId) {
        throw failure;
      }
    };
  }
}
