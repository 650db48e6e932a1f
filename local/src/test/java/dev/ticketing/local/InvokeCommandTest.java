package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.local.contract.OpenApiContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar concert-local.jar invoke}, through the jar's own entry ({@link LocalMain#run}),
 * in-process. Every file of {@code events/} is invoked with {@code --prepare} and must succeed, its
 * response checked against openapi.yaml like every HTTP response (the scheduled function's: what
 * its round did), so a sample event that no longer fits its handler fails the build. Each
 * invocation gets a table of its own in the run's engine, as a fresh in-memory engine would be.
 */
@ExtendWith(DynamoDbExtension.class)
class InvokeCommandTest {
  private static final Path TEMPLATE = ProjectFiles.findUpwards(Path.of("template.yaml")).orElseThrow();
  private static final Path EVENTS = TEMPLATE.resolveSibling("events");
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String stdout, String stderr) {
    JsonNode response() {
      try {
        return JSON.readTree(stdout);
      } catch (IOException e) {
        throw new UncheckedIOException("stdout is not one JSON document: " + stdout, e);
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> every_sample_event_succeeds_through_invoke_and_its_response_is_documented(TestTable engine,
      @TempDir Path dir) throws IOException {
    Path catalog = smallCatalog(dir);
    Path oneRound = oneMaintenanceRound(dir);
    List<Path> events;
    try (Stream<Path> files = Files.list(EVENTS)) {
      events = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(events).hasSizeGreaterThanOrEqualTo(SamTemplate.load(TEMPLATE).functions().size());
    return events.stream().map(event -> DynamicTest.dynamicTest(event.getFileName().toString(), () -> {
      JsonNode sample = JSON.readTree(event.toFile());
      String function = functionFor(sample);
      Run run = invoke(engine, "invoke", function, "--event", event.toString(), "--catalog", catalog.toString(), "--prepare",
          "--env-vars", oneRound.toString());
      assertThat(run.exit()).as(function + " with " + event.getFileName() + "; stderr:\n" + run.stderr()).isZero();
      checkResponse(sample, run.response());
    }));
  }

  @Test
  void the_demo_data_serves_the_gated_sample_events_by_default(TestTable engine, @TempDir Path dir) throws Exception {
    for (String[] sample : new String[][] {{"ReserveSeatFunction", "reserve-seat.json"}, {"PayFunction", "pay.json"}}) {
      Run run = invoke(engine, "invoke", sample[0], "--event", EVENTS.resolve(sample[1]).toString(), "--prepare");
      assertThat(run.exit()).as(sample[1] + "; stderr:\n" + run.stderr()).isZero();
      assertThat(run.stderr()).as("a join issues a token of its own, which the event then carries")
          .contains("--prepare: the event's X-Queue-Token is now winter-gala.i18lA9C3iReeaLklRynmgg.")
          .doesNotContain("is now winter-gala.i18lA9C3iReeaLklRynmgg.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
      assertThat(run.response().get("statusCode").asInt()).as(sample[1]).isEqualTo(201);
      checkResponse(JSON.readTree(EVENTS.resolve(sample[1]).toFile()), run.response());
    }
    Run unprepared = invoke(engine, "invoke", "ReserveSeatFunction", "--event", EVENTS.resolve("reserve-seat.json").toString(),
        "--catalog", smallCatalog(dir).toString());
    assertThat(unprepared.exit()).isZero();
    assertThat(unprepared.response().get("statusCode").asInt()).as("without --prepare the token is unknown").isEqualTo(401);
    assertThat(JSON.readTree(unprepared.response().get("body").asText()).get("code").asText()).isEqualTo("TOKEN_INVALID");
  }

  @Test
  void env_vars_in_sams_format_override_what_the_template_declares(TestTable engine, @TempDir Path dir) throws Exception {
    Path envVars = Files.writeString(dir.resolve("env.json"), "{\"Parameters\": {\"HOLD_TTL_SECONDS\": 600, "
        + "\"QUEUE_MAX_ACTIVE\": \"7\"}, \"ReserveSeatFunction\": {\"HOLD_TTL_SECONDS\": \"30\", \"NOT_IN_THE_TEMPLATE\": \"x\"}}");
    Instant before = Instant.now();
    Run run = invoke(engine, "invoke", "ReserveSeatFunction", "--event", EVENTS.resolve("reserve-seat.json").toString(),
        "--env-vars", envVars.toString(), "--catalog", smallCatalog(dir).toString(), "--prepare");
    Instant after = Instant.now();

    assertThat(run.exit()).as(run.stderr()).isZero();
    Instant expires = Instant.parse(JSON.readTree(run.response().get("body").asText()).get("holdExpiresAt").asText());
    assertThat(expires).as("the function's own value wins over Parameters")
        .isBetween(before.plusSeconds(30).minusMillis(1), after.plusSeconds(30));
    assertThat(run.stderr()).contains("NOT_IN_THE_TEMPLATE is not declared for ReserveSeatFunction");

    Run broken = invoke(engine, "invoke", "MaintenanceFunction", "--event", EVENTS.resolve("maintenance-schedule.json").toString(),
        "--env-vars", Files.writeString(dir.resolve("bad.json"), "{\"Parameters\": {\"QUEUE_MAX_ACTIVE\": \"many\"}}").toString());
    assertThat(broken.exit()).as("a function that cannot start is a failed invocation").isEqualTo(1);
    assertThat(broken.stderr()).contains("MaintenanceFunction").contains("QUEUE_MAX_ACTIVE must be a positive integer");
  }

  @Test
  void the_scheduled_function_reports_what_its_round_did(TestTable engine, @TempDir Path dir) throws Exception {
    // Shared storage: one user joins through the join function, the next maintenance round admits them.
    Map<String, String> shared = Map.of("DYNAMODB_ENDPOINT", engine.endpoint().toString(), "TABLE_NAME", "invoke-" + UUID.randomUUID());
    assertThat(invoke(shared, "invoke", "JoinQueueFunction", "--event", EVENTS.resolve("join-queue.json").toString()).exit()).isZero();

    Run round = invoke(shared, "invoke", "MaintenanceFunction", "--event", EVENTS.resolve("maintenance-schedule.json").toString(),
        "--env-vars", oneMaintenanceRound(dir).toString());

    assertThat(round.exit()).as(round.stderr()).isZero();
    assertThat(round.response().get("status").asText()).isEqualTo("ok");
    assertThat(round.response().get("rounds").asLong()).isEqualTo(1);
    assertThat(round.response().at("/steps/queue-round/placesHandedOut").asLong()).isEqualTo(1);
    assertThat(round.response().at("/steps/queue-round/usersAdmitted").asLong()).isEqualTo(1);
    assertThat(round.response().at("/steps/queue-round/sessionsEnded").asLong()).isZero();
    assertThat(round.response().at("/steps/release-expired-holds/seatsFreed").asLong()).isZero();
  }

  @Test
  void the_scheduled_function_runs_one_round_locally_and_says_what_it_does(TestTable engine) throws Exception {
    Run round = invoke(engine, "invoke", "MaintenanceFunction", "--event", EVENTS.resolve("maintenance-schedule.json").toString());

    assertThat(round.exit()).as(round.stderr()).isZero();
    assertThat(round.response().get("rounds").asLong()).as("the template's minute of rounds is one round locally").isEqualTo(1);
    assertThat(round.response().fieldNames()).toIterable().as("the README's shape, in its order")
        .containsExactly("status", "rounds", "failedRounds", "steps");
    assertThat(round.stderr()).contains("invoke: storage at " + engine.endpoint(), "invoke: seeding the demo catalogue",
        "invoke: running MaintenanceFunction: one maintenance round (MAINTENANCE_RUN_SECONDS=0)");
  }

  @Test
  void a_run_of_rounds_set_for_the_scheduled_function_is_announced_with_its_length(TestTable engine, @TempDir Path dir)
      throws Exception {
    // One second of rounds 2 s apart: one round, announced as the run it was set to be.
    Path envVars = Files.writeString(dir.resolve("run.json"), "{\"MaintenanceFunction\": {\"MAINTENANCE_RUN_SECONDS\": \"1\"}}");
    Run run = invoke(engine, "invoke", "MaintenanceFunction", "--event", EVENTS.resolve("maintenance-schedule.json").toString(),
        "--env-vars", envVars.toString(), "--catalog", smallCatalog(dir).toString());

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("invoke: running MaintenanceFunction: maintenance rounds every 2 s for up to 1 s"
        + " (MAINTENANCE_RUN_SECONDS=1), as deployed; Ctrl-C stops it");

    FunctionDefinition maintenance = SamTemplate.load(TEMPLATE).functions().stream()
        .filter(f -> f.logicalId().equals("MaintenanceFunction")).findFirst().orElseThrow();
    assertThat(InvokeCommand.announcement(maintenance, Map.of("MAINTENANCE_RUN_SECONDS", "66")))
        .isEqualTo("invoke: running MaintenanceFunction: maintenance rounds every 2 s for up to 66 s"
            + " (MAINTENANCE_RUN_SECONDS=66), as deployed; Ctrl-C stops it");
  }

  @Test
  void bad_invocations_exit_non_zero_with_a_clear_message(TestTable engine, @TempDir Path dir) throws Exception {
    String event = EVENTS.resolve("list-concerts.json").toString();
    assertFails(invoke(engine, "invoke", "NoSuchFunction", "--event", event), 2, "no function NoSuchFunction in template.yaml",
        "ListConcertsFunction");
    assertFails(invoke(engine, "invoke", "ListConcertsFunction"), 2, "--event FILE is required");
    assertFails(invoke(engine, "invoke", "ListConcertsFunction", "--event", dir.resolve("missing.json").toString()), 2,
        "no event file");
    Path malformed = Files.writeString(dir.resolve("malformed.json"), "{\"routeKey\": ");
    assertFails(invoke(engine, "invoke", "ListConcertsFunction", "--event", malformed.toString()), 2, "is not JSON");
    assertFails(invoke(engine, "invoke", "ListConcertsFunction", "--event", event, "--bogus"), 2, "unknown option --bogus");
    assertFails(invoke(engine, "invoke"), 2, "name the function");
    assertFails(invoke(engine, "bogus"), 2, "unknown command bogus");

    Path notAnApiEvent = Files.writeString(dir.resolve("not-an-api-event.json"), "{\"requestContext\": \"elsewhere\"}");
    Run failed = invoke(engine, "invoke", "ListConcertsFunction", "--event", notAnApiEvent.toString());
    assertFails(failed, 1, "ListConcertsFunction answered 500");
    assertThat(failed.response().get("statusCode").asInt()).isEqualTo(500);
    assertThat(failed.stderr()).as("the function's log, on stderr").contains("unreadable API Gateway event");
  }

  /**
   * As deployed, one invocation runs rounds for 66 s and places only joins 3 s old; a test wants
   * one round that places the join it has just made.
   */
  private static Path oneMaintenanceRound(Path dir) throws IOException {
    return Files.writeString(dir.resolve("one-round.json"),
        "{\"MaintenanceFunction\": {\"MAINTENANCE_RUN_SECONDS\": \"0\", \"QUEUE_PLACEMENT_SETTLE_SECONDS\": \"0\"}}");
  }

  private static void assertFails(Run run, int exit, String... messages) {
    assertThat(run.exit()).as(run.stderr()).isEqualTo(exit);
    assertThat(run.stderr()).contains(messages);
  }

  /** The function whose route (or schedule) the sample event is for. */
  private static String functionFor(JsonNode sample) {
    String routeKey = sample.path("routeKey").asText("");
    boolean scheduled = "aws.events".equals(sample.path("source").asText());
    return SamTemplate.load(TEMPLATE).functions().stream()
        .filter(f -> scheduled ? !f.schedules().isEmpty() : f.routes().stream().anyMatch(r -> r.routeKey().equals(routeKey)))
        .map(FunctionDefinition::logicalId).findFirst()
        .orElseThrow(() -> new AssertionError("no function in template.yaml takes a sample event for " + routeKey));
  }

  /** A successful response, as openapi.yaml documents it; the scheduled function's round report. */
  private static void checkResponse(JsonNode sample, JsonNode response) throws IOException {
    if ("aws.events".equals(sample.path("source").asText())) {
      assertThat(response.get("status").asText()).isEqualTo("ok");
      assertThat(response.get("steps").fieldNames()).toIterable().containsExactly("queue-round", "release-expired-holds");
      response.get("steps").forEach(step -> step.forEach(count -> assertThat(count.isIntegralNumber()).isTrue()));
      return;
    }
    int status = response.get("statusCode").asInt();
    assertThat(status).as(sample.path("routeKey").asText() + " succeeds: " + response).isBetween(200, 299);
    Map<String, List<String>> headers = new HashMap<>();
    response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
    String body = response.path("body").asText("");
    OpenApiContract.shared().check(sample.at("/requestContext/http/method").asText(), sample.path("rawPath").asText(), status,
        response.at("/headers/content-type").asText(""), headers, body.isEmpty() ? null : JSON.readTree(body));
  }

  /** One future date of the Winter Gala, under the id the sample events name: seeds in a moment. */
  private static Path smallCatalog(Path dir) throws IOException {
    LocalDate date = LocalDate.now(ZoneOffset.UTC).plusDays(14);
    return Files.writeString(dir.resolve("catalog-" + UUID.randomUUID() + ".json"), """
        {"concerts": [{"concertId": "winter-gala", "title": "Winter Gala", "artist": "Seoul Philharmonic",
          "venue": "Lotte Concert Hall",
          "sections": [{"name": "VIP", "firstSeat": 1, "lastSeat": 10, "price": 150000},
                       {"name": "R", "firstSeat": 11, "lastSeat": 50, "price": 90000}],
          "schedules": [{"scheduleId": "winter-gala-1", "date": "%s", "startsAt": "%sT10:00:00Z"}]}]}
        """.formatted(date, date));
  }

  private static Run invoke(TestTable engine, String... args) {
    return invoke(Map.of("DYNAMODB_ENDPOINT", engine.endpoint().toString(), "TABLE_NAME", "invoke-" + UUID.randomUUID()), args);
  }

  private static Run invoke(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = LocalMain.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
