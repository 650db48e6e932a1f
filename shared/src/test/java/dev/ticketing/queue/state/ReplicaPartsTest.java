package dev.ticketing.queue.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.queue.QueueTokenId;

/**
 * The replicas of the shared state carry the parts of the newest seconds (docs/data-model.md,
 * "Queue"): every replica the same, each second whole and as recorded, under 4 KB with K = 400;
 * a poll of a newest arrival on a fresh function instance reads no part's item, and a poll of an
 * older one reads only parts that exist.
 */
@ExtendWith(DynamoDbExtension.class)
class ReplicaPartsTest {
  private static final String CONCERT = SmallCatalog.CONCERT;
  private static final int REPLICAS = 4;

  /** GetItems of parts (QRANGE#), each with whether it found the item. */
  private static final class PartReads implements ExecutionInterceptor {
    final List<Boolean> found = new CopyOnWriteArrayList<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof GetItemRequest get && get.key().get("pk").s().startsWith("QRANGE#")) {
        found.add(((GetItemResponse) context.response()).hasItem() && !((GetItemResponse) context.response()).item().isEmpty());
      }
    }
  }

  private static Map<String, String> environment() {
    return Map.of("QUEUE_JOIN_SHARDS", "400", "QUEUE_STATE_REPLICAS", Integer.toString(REPLICAS),
        "QUEUE_PLACEMENT_SETTLE_SECONDS", "3", "QUEUE_MAX_ACTIVE", "1");
  }

  @Test
  void replicas_carry_the_newest_seconds_whole_and_polls_of_them_read_no_part(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent maintenance = TestApp.on(table, clock, environment());
    maintenance.catalogSeeder().seed(SmallCatalog.around(clock.instant()));
    maintenance.queueRound().run(CONCERT);
    // Thirty seconds with joins, a round every two: more seconds than a replica carries.
    List<String> tokens = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (int second = 0; second < 30; second++) {
      for (int fan = 0; fan < 2; fan++) {
        String user = "fan-" + second + "-" + fan;
        users.add(user);
        tokens.add(maintenance.joinQueue().join(user, CONCERT).view().token());
      }
      clock.advance(Duration.ofSeconds(1));
      if (second % 2 == 1) {
        maintenance.queueRound().run(CONCERT);
      }
    }
    clock.advance(Duration.ofSeconds(5));  // every second over and settled
    maintenance.queueRound().run(CONCERT);

    List<Map<String, AttributeValue>> replicas = new ArrayList<>();
    for (int replica = 0; replica < REPLICAS; replica++) {
      int r = replica;
      replicas.add(table.client().getItem(get -> get.tableName(table.name()).consistentRead(true)
          .key(Map.of("pk", AttributeValue.fromS("QSTATE#" + CONCERT + "#" + r), "sk", AttributeValue.fromS("STATE")))).item());
    }
    assertThat(replicas).as("every replica the same").allSatisfy(replica -> assertThat(replica.get("parts"))
        .isEqualTo(replicas.get(0).get("parts")));
    for (Map<String, AttributeValue> replica : replicas) {
      assertThat(itemBytes(replica)).as("a replica with K = 400 carrying parts").isLessThan(4096);
    }

    // What the replica carries: whole seconds, the newest, each part as its item says.
    clock.advance(Duration.ofSeconds(2));
    QueueState state = maintenance.queueStateCache().state(CONCERT).orElseThrow();
    assertThat(state.recentParts()).as("some seconds carried, not all thirty").isNotEmpty();
    long newest = state.recentParts().get(state.recentParts().size() - 1).bucket();
    long oldestCarried = state.recentParts().get(0).bucket();
    assertThat(oldestCarried).as("the oldest seconds are left to their items").isGreaterThan(bucketOf(maintenance, tokens.get(0)));
    for (ArrivalRange carried : state.recentParts()) {
      assertThat(maintenance.rangeStore().range(CONCERT, carried.bucket(), carried.part()))
          .as("carried as recorded").contains(carried);
    }
    for (long second = oldestCarried; second <= newest; second++) {
      long s = second;
      List<Integer> parts = state.recentParts().stream().filter(r -> r.bucket() == s).map(ArrivalRange::part).toList();
      if (!parts.isEmpty()) {
        assertThat(parts).as("second %d whole, in order", s).isEqualTo(java.util.stream.IntStream.range(0, parts.size()).boxed().toList());
      }
    }

    // A fresh instance polls a newest arrival, then the first one.
    PartReads reads = new PartReads();
    TestComponent poller = TestApp.on(table.through(reads), clock, environment());
    int newestUser = tokens.size() - 1;
    QueueView newestView = poller.queueStatus().status(users.get(newestUser), QueueTokenId.parse(tokens.get(newestUser)));
    assertThat(newestView.status()).isEqualTo(QueueToken.Status.WAITING);
    assertThat(newestView.position()).as("placed").isNotNull();
    assertThat(reads.found).as("the newest second's parts come with the shared state: no part read").isEmpty();

    // An early joiner still waiting (the few admitted ahead of it, one at a time, have left it in the queue).
    int early = 10;
    assertThat(bucketOf(maintenance, tokens.get(early))).as("a second no longer carried").isLessThan(oldestCarried);
    QueueView firstView = poller.queueStatus().status(users.get(early), QueueTokenId.parse(tokens.get(early)));
    assertThat(firstView.status()).isEqualTo(QueueToken.Status.WAITING);
    assertThat(firstView.position()).as("placed, from its second's part item").isNotNull();
    assertThat(reads.found).as("an older second: its part read, and it exists").isNotEmpty().containsOnly(true);

    // Both as the items alone say (an instance whose state carries no part).
    assertThat(newestView.position()).isEqualTo(positionFromItems(maintenance, state, tokens.get(newestUser)));
    assertThat(firstView.position()).isEqualTo(positionFromItems(maintenance, state, tokens.get(early)));
  }

  private static long positionFromItems(TestComponent app, QueueState state, String token) {
    QueueToken stored = app.gateStore().token(QueueTokenId.parse(token).orElseThrow()).orElseThrow();
    QueueState bare = state.withRecentParts(List.of());
    return bare.positionOf(app.arrivalPlaces().placeOf(stored, bare).orElseThrow());
  }

  private static long bucketOf(TestComponent app, String token) {
    return app.gateStore().token(QueueTokenId.parse(token).orElseThrow()).orElseThrow().number().orElseThrow().bucket();
  }

  /** An item's size as DynamoDB counts it, near enough: names and values. */
  private static long itemBytes(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      AttributeValue v = e.getValue();
      bytes += e.getKey().length();
      if (v.s() != null) {
        bytes += v.s().length();
      } else if (v.n() != null) {
        bytes += v.n().length();
      } else if (v.b() != null) {
        bytes += v.b().asByteArray().length;
      } else if (v.hasM()) {
        bytes += 3 + v.m().entrySet().stream().mapToLong(x -> 1 + x.getKey().length() + 21).sum();
      } else {
        bytes += 8;
      }
    }
    return bytes;
  }
}
