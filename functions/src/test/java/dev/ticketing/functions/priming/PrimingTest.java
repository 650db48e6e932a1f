package dev.ticketing.functions.priming;

import static org.assertj.core.api.Assertions.assertThat;
import dev.ticketing.testing.SmallCatalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.domain.InstanceRandom;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.queue.JoinQueueHandler;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.RequestCounter;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.testing.faults.Fault;
import dev.ticketing.testing.faults.FaultyStorage;
import dev.ticketing.wiring.AppComponent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every function's SnapStart priming reaches DynamoDB and never changes a single item. Each
 * function gets a graph of its own, as in Lambda, so only the stores its use case builds prime.
 * That every priming request stays inside the function's IAM policy of template.yaml is checked,
 * with the requests of its endpoint, by {@code LeastPrivilegeTest}. And the snapshot keeps no seed
 * of the graph's random source, so restored instances choose their own shards and replicas. A
 * priming that storage refuses is logged and the snapshot still taken.
 */
@ExtendWith(DynamoDbExtension.class)
class PrimingTest {
  private static final Map<String, String> ENV = Map.of("QUEUE_MAX_ACTIVE", "10");
  private final SamTemplate template = SamTemplate.load(ProjectFiles.findUpwards(Path.of("template.yaml")).orElseThrow());

  @Test
  void priming_reaches_dynamodb_but_writes_nothing(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    RequestCounter counter = new RequestCounter();
    TestTable observed = table.through(counter);
    TestComponent seeding = TestApp.on(observed, clock, ENV);
    seeding.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    Admitted.user(seeding, "winter-gala", "alice");
    Set<Map<String, AttributeValue>> before = items(table);

    for (FunctionDefinition function : template.functions()) {
      AppComponent app = TestApp.on(observed, clock, ENV);
      Object handler = Class.forName(function.handlerClass()).getConstructor(AppComponent.class).newInstance(app);
      assertThat(handler).as(function.logicalId()).isInstanceOf(Primed.class);
      assertThat(app.storagePriming().registered()).as(function.logicalId() + "'s stores register their priming").isNotEmpty();
      counter.reset();

      assertThat(((Primed) handler).priming().run()).as(function.logicalId() + "'s priming failures").isEmpty();

      assertThat(counter.total()).as(function.logicalId() + " reaches DynamoDB while priming").isPositive();
    }

    assertThat(items(table)).isEqualTo(before);
  }

  @Test
  void the_hooks_leave_the_graphs_random_source_to_seed_itself_after_each_restore(TestTable table) {
    AppComponent app = TestApp.on(table, MutableClock.at("2026-11-25T00:00:00Z"), ENV);
    Primed handler = new JoinQueueHandler(app);
    InstanceRandom random = app.instanceRandom();

    handler.priming().run();
    assertThat(random.seeded()).as("priming drew from the graph's source (the queue state's replica)").isTrue();

    handler.priming().beforeCheckpoint(null);
    assertThat(random.seeded()).as("the snapshot holds no seed").isFalse();

    random.nextLong();
    handler.priming().afterRestore(null);
    assertThat(random.seeded()).as("whatever was drawn in between, the restored instance seeds its own").isFalse();
  }

  /**
   * A deployment during a throttled sale, or before the function's IAM grant is in effect: every
   * request of the priming is refused. The hook still completes (so Lambda takes the snapshot and
   * the deployment goes on), and each refused request is one structured log line.
   */
  @Test
  void a_priming_that_storage_refuses_is_logged_and_the_snapshot_still_taken(TestTable healthy) throws Exception {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    try (FaultyStorage storage = new FaultyStorage(healthy, FaultyStorage.Pauses.NONE)) {
      // Every priming key ends in "~priming" and the synthetic caller is "snapstart-priming": all refused.
      storage.faults.armMentioning("priming", Fault.THROTTLE);
      AppComponent app = TestApp.on(storage.table, MutableClock.at("2026-11-25T00:00:00Z"), ENV);
      Primed handler = constructedLoggingTo(logged, () -> new JoinQueueHandler(app));
      List<String> requests = app.storagePriming().registered();
      assertThat(requests).isNotEmpty();

      handler.priming().beforeCheckpoint(null);

      assertThat(storage.faults.injected()).as("storage refused the priming").containsKey(Fault.THROTTLE);
      assertThat(app.instanceRandom().seeded()).as("the hook ran to its end").isFalse();
      List<JsonNode> failures = lines(logged).stream()
          .filter(line -> line.path("message").asText().equals("priming step failed")).toList();
      assertThat(failures).extracting(line -> line.path("primingStep").asText()).as("one line per refused request")
          .containsExactlyElementsOf(requests);
      assertThat(failures).allSatisfy(line -> {
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("awsErrorCode").asText()).isEqualTo("ThrottlingException");
        assertThat(line.path("statusCode").asInt()).isEqualTo(400);
      });
    }
  }

  /** The handler's graph logs to {@code out}: its log is built with the handler, on the standard output of that moment. */
  private static <T> T constructedLoggingTo(ByteArrayOutputStream out, Supplier<T> construct) {
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return construct.get();
    } finally {
      System.setOut(stdout);
    }
  }

  private static List<JsonNode> lines(ByteArrayOutputStream out) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{")) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }

  private static Set<Map<String, AttributeValue>> items(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true))
        .items().stream().collect(Collectors.toSet());
  }
}
