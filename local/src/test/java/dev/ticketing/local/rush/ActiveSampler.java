package dev.ticketing.local.rush;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Watches the concert's admitted sessions in the table while the rush runs, straight through the
 * SDK: every few hundred milliseconds two passes over the {@code ADMITTED#<concertId>} index
 * partitions and one consistent read of the queue's counters. Three counts must never pass
 * {@code QUEUE_MAX_ACTIVE}: tokens the gate would let in now (stored ACTIVE, within their time),
 * sessions in the index (admitted and not yet ended, paid ones included), and the counters' bound
 * {@code admitted - ended} that admission works from.
 */
final class ActiveSampler implements AutoCloseable {
  /** As the queue shards its index of admitted sessions (QueueItems.ADMITTED_SHARDS). */
  private static final int ADMITTED_SHARDS = 16;
  private static final long PERIOD_MILLIS = 250;

  private final DynamoDbClient dynamo;
  private final String table;
  private final RushConfig config;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread t = new Thread(runnable, "rush-active-sampler");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger maxActive = new AtomicInteger();
  private final AtomicInteger maxAdmitted = new AtomicInteger();
  private final AtomicLong maxHoldingSlots = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong failedSamples = new AtomicLong();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

  ActiveSampler(DynamoDbClient dynamo, String table, RushConfig config) {
    this.dynamo = dynamo;
    this.table = table;
    this.config = config;
  }

  void start() {
    thread.scheduleWithFixedDelay(this::sampleSafely, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      failedSamples.incrementAndGet();
    }
  }

  private void sample() {
    // The index is read one partition after another, so one pass is no snapshot: a session that
    // ends after its partition was read and one admitted before a later partition is read would
    // both count, though they never coexisted. Only sessions found by two passes in a row count:
    // a turn, once its entry is removed, never comes back, so each of them was there from its
    // partition's first read to its second, and all of them at the instant the first pass ended.
    Map<String, Map<String, AttributeValue>> firstPass = admittedSessions();
    Map<String, Map<String, AttributeValue>> secondPass = admittedSessions();
    List<Map<String, AttributeValue>> sessions = secondPass.entrySet().stream()
        .filter(session -> firstPass.containsKey(session.getKey()))
        .map(Map.Entry::getValue)
        .toList();
    long now = Instant.now().toEpochMilli();
    int active = (int) sessions.stream().filter(session -> isActive(session, now)).count();

    Map<String, AttributeValue> counters = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("QUEUE#" + config.concertId()), "sk", AttributeValue.fromS("STATE")))).item();
    long holding = number(counters, "admitted") - number(counters, "ended");

    samples.incrementAndGet();
    maxActive.accumulateAndGet(active, Math::max);
    maxAdmitted.accumulateAndGet(sessions.size(), Math::max);
    maxHoldingSlots.accumulateAndGet(holding, Math::max);
    if (active > config.maxActive() || sessions.size() > config.maxActive() || holding > config.maxActive()) {
      violations.add(Instant.ofEpochMilli(now) + ": " + active + " ACTIVE, " + sessions.size() + " admitted sessions, "
          + holding + " slots held; QUEUE_MAX_ACTIVE is " + config.maxActive());
    }
  }

  /** The concert's admitted sessions in the index, by their turn, one partition after another. */
  private Map<String, Map<String, AttributeValue>> admittedSessions() {
    Map<String, Map<String, AttributeValue>> sessions = new HashMap<>();
    // The admitted sessions' index partitions, ADMITTED#<concert>#<place mod 16> (docs/data-model.md).
    for (int shard = 0; shard < ADMITTED_SHARDS; shard++) {
      Map<String, AttributeValue> start = null;
      String partition = "ADMITTED#" + config.concertId() + "#" + shard;
      do {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName("gsi1")
            .keyConditionExpression("gsi1pk = :admitted")
            .expressionAttributeValues(Map.of(":admitted", AttributeValue.fromS(partition)));
        if (start != null) {
          query.exclusiveStartKey(start);
        }
        QueryResponse page = dynamo.query(query.build());
        // A turn is its token item and its secret: a rejoin's turn reuses the item under a new secret.
        page.items().forEach(item -> sessions.put(item.get("pk").s() + "|" + item.get("sk").s() + "|"
            + (item.containsKey("secret") ? item.get("secret").s() : ""), item));
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null);
    }
    return sessions;
  }

  /** What the gate would say now: stored ACTIVE, before activeUntil, and used or still within the grace. */
  private boolean isActive(Map<String, AttributeValue> token, long now) {
    if (!token.containsKey("status") || !"ACTIVE".equals(token.get("status").s()) || number(token, "activeUntil") <= now) {
      return false;
    }
    return token.containsKey("firstUsedAt")
        || number(token, "activatedAt") + config.admissionGraceSeconds() * 1_000L > now;
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    return item == null || !item.containsKey(name) ? 0 : Long.parseLong(item.get(name).n());
  }

  int maxActive() {
    return maxActive.get();
  }

  int maxAdmittedSessions() {
    return maxAdmitted.get();
  }

  long maxHoldingSlots() {
    return maxHoldingSlots.get();
  }

  long samples() {
    return samples.get();
  }

  long failedSamples() {
    return failedSamples.get();
  }

  List<String> violations() {
    synchronized (violations) {
      List<String> found = new ArrayList<>(violations);
      if (samples.get() > 0 && maxAdmitted.get() == 0) {
        // Users were admitted (the rush pays), so sessions must show: its keys drifted from the queue's.
        found.add("the sampler never saw an admitted session in " + samples.get() + " samples");
      }
      return List.copyOf(found);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
