package dev.ticketing.bench.rush;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.queue.QueueView;
import dev.ticketing.wiring.AppComponent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The queue as the production code runs it: each instance is its own
 * object graph ({@link AppComponent}), so its cache of the queue's shared state is its own; joins,
 * polls and rounds go through the use cases, as the handlers call them.
 */
public final class NewQueueDesign implements QueueDesign {
  @Override
  public String name() {
    return "current";
  }

  @Override
  public void prepare(Stage stage, DynamoDbClient client) {
    AppComponent app = BenchEngine.app(client, stage.table(), stage.clock(), stage.environment());
    LocalDate date = LocalDate.now(stage.clock()).plusWeeks(2);
    app.catalogSeeder().seed(new SeedCatalog(List.of(new SeedConcert(stage.concertId(), "Rush benchmark",
        "The Benchmarks", "Loopback Hall", List.of(new Section("R", 1, 50, 100_000)),
        List.of(new SeedSchedule(stage.concertId() + "-d1", date, date.atTime(19, 0).toInstant(ZoneOffset.UTC)))))));
    // What maintenance writes before a sale: the replicas of the queue's shared state.
    app.queueRound().run(stage.concertId());
  }

  @Override
  public FunctionInstance newInstance(Stage stage, DynamoDbClient client) {
    AppComponent app = BenchEngine.app(client, stage.table(), stage.clock(), stage.environment());
    return new FunctionInstance() {
      @Override
      public Joined join(String userId) {
        return new Joined(app.joinQueue().join(userId, stage.concertId()).view().token(), OptionalLong.empty());
      }

      @Override
      public Polled poll(String userId, String token) {
        QueueView view = app.queueStatus().status(userId, Optional.of(token));
        return new Polled(view.status().name(),
            view.position() == null ? OptionalLong.empty() : OptionalLong.of(view.position()),
            OptionalInt.of(view.pollAfterSeconds()));
      }

      @Override
      public void maintenanceRound() {
        app.queueRound().run(stage.concertId());
      }
    };
  }

  @Override
  public Map<String, Long> places(Stage stage, DynamoDbClient observer, Collection<String> tokens) {
    Map<String, Long> places = new HashMap<>();
    List<Map<String, AttributeValue>> keys = tokens.stream()
        .map(token -> Map.of("pk", AttributeValue.fromS("TOKEN#" + token.substring(token.lastIndexOf('.') + 1)),
            "sk", AttributeValue.fromS("TOKEN")))
        .toList();
    for (int start = 0; start < keys.size(); start += 100) {
      Map<String, KeysAndAttributes> pending = Map.of(stage.table(), KeysAndAttributes.builder()
          .keys(keys.subList(start, Math.min(keys.size(), start + 100))).consistentRead(true).build());
      while (!pending.isEmpty()) {
        Map<String, KeysAndAttributes> request = pending;
        var response = observer.batchGetItem(r -> r.requestItems(request));
        response.responses().getOrDefault(stage.table(), List.of()).stream()
            .filter(item -> item.containsKey("place"))
            .forEach(item -> places.put(item.get("token").s(), Long.parseLong(item.get("place").n())));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        if (!pending.isEmpty()) {
          sleep(Duration.ofMillis(20));
        }
      }
    }
    return places;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
