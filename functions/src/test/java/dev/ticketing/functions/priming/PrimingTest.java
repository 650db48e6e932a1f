package dev.ticketing.functions.priming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.seed.DemoCatalog;
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
import dev.ticketing.wiring.AppComponent;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every function's SnapStart priming reaches DynamoDB and never changes a single item. Each
 * function gets a graph of its own, as in Lambda, so only the stores its use case builds prime.
 * That every priming request stays inside the function's IAM policy of template.yaml is checked,
 * with the requests of its endpoint, by {@code LeastPrivilegeTest}. And the snapshot keeps no seed
 * of the graph's random source, so restored instances choose their own shards and replicas.
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
    seeding.catalogSeeder().seed(DemoCatalog.create(clock));
    Admitted.user(seeding, "winter-gala", "alice");
    Set<Map<String, AttributeValue>> before = items(table);

    for (FunctionDefinition function : template.functions()) {
      AppComponent app = TestApp.on(observed, clock, ENV);
      Object handler = Class.forName(function.handlerClass()).getConstructor(AppComponent.class).newInstance(app);
      assertThat(handler).as(function.logicalId()).isInstanceOf(Primed.class);
      assertThat(app.storagePriming().registered()).as(function.logicalId() + "'s stores register their priming").isNotEmpty();
      counter.reset();

      ((Primed) handler).priming().run();

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

  private static Set<Map<String, AttributeValue>> items(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true))
        .items().stream().collect(Collectors.toSet());
  }
}
