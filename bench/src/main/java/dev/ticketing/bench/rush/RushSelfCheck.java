package dev.ticketing.bench.rush;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Report;
import dev.ticketing.engine.SamTemplate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Small checks of the rush benchmark's instruments against dynoxide (section {@code rush-selfcheck}):
 * that {@link HeatMeter} counts requests and units on the partitions and index partitions a request
 * touches, that {@link ScaledThrottle} answers as DynamoDB does when a partition or an index
 * partition is out of capacity, that {@link LegacyQueueDesign} sends the requests and consumes the
 * units docs/performance.md recorded for the queue with one counter per concert, and the pure parts (update
 * expressions, inversions). Prints one line per check and fails the command if any check fails.
 */
public final class RushSelfCheck {
  private final Report report;
  private final List<String> failures = new ArrayList<>();
  private int checks;

  public RushSelfCheck(Report report) {
    this.report = report;
  }

  public void run() throws Exception {
    report.heading("Rush benchmark self-check");
    updateExpressions();
    inversions();
    try (BenchEngine engine = BenchEngine.start()) {
      heatMeter(engine);
      throttle(engine);
      legacyDesign(engine);
    }
    report.blank();
    report.line("rush-selfcheck: %d checks, %d failed", checks, failures.size());
    if (!failures.isEmpty()) {
      throw new IllegalStateException("rush self-check failed: " + failures);
    }
  }

  private void updateExpressions() {
    Map<String, String> names = Map.of("#status", "status", "#g", "gsi1pk");
    Map<String, AttributeValue> values = Map.of(":p", s("ADMITTED#c"), ":q", s("UNPLACED#c#7"), ":a", s("ACTIVE"));
    check("SET of gsi1pk among other assignments", "ADMITTED#c", UpdateExpressions.indexKeyChange(
        "SET #status = :a, activatedAt = :now, gsi1pk = :p, gsi1sk = :o", names, values, null).after());
    check("REMOVE gsi1pk after SET", null, UpdateExpressions.indexKeyChange(
        "SET place = :n REMOVE gsi1pk, gsi1sk", names, values, "UNPLACED#c#7").after());
    check("an update not naming gsi1pk keeps it", "UNPLACED#c#7", UpdateExpressions.indexKeyChange(
        "SET firstUsedAt = if_not_exists(firstUsedAt, :now) ADD n :one", names, values, "UNPLACED#c#7").after());
    check("if_not_exists on gsi1pk through a name placeholder", "UNPLACED#c#7", UpdateExpressions.indexKeyChange(
        "SET #g = if_not_exists(#g, :p)", names, values, "UNPLACED#c#7").after());
  }

  private void inversions() {
    long s = 1_000_000_000L;
    // (due, place): the pairs out of order, (0 s, 2)-(1 s, 1) and (4 s, 4)-(5 s, 3), are closer than 3 s.
    List<Placements.Placed> placed = List.of(new Placements.Placed(0, 2, 0), new Placements.Placed(s, 1, 0),
        new Placements.Placed(4 * s, 4, 0), new Placements.Placed(5 * s, 3, 0), new Placements.Placed(10 * s, 5, 0));
    check("no inversion among joins placed in order or closer than 3 s", 0L, Placements.inversions(placed, 3 * s));
    List<Placements.Placed> late = new ArrayList<>(placed);
    late.add(new Placements.Placed(9 * s, 1, 0));  // due 9 s, place 1: ahead of places 2, 4 and 3 due 4 s or more before
    check("a join placed ahead of joins due 3 s or more earlier counts once per such join", 3L, Placements.inversions(late, 3 * s));
  }

  private void heatMeter(BenchEngine engine) {
    String table = "rush-selfcheck-heat";
    engine.createTable(table);
    IndexShadow shadow = new IndexShadow();
    HeatMeter meter = new HeatMeter(shadow);
    try (DynamoDbClient client = RushWiring.client(engine.endpoint(), shadow, meter)) {
      long from = waitForNextSecond();
      client.putItem(r -> r.tableName(table).item(Map.of("pk", s("SELF#a"), "sk", s("1"), "gsi1pk", s("G1"), "gsi1sk", s("x"))));
      client.updateItem(r -> r.tableName(table).key(key("SELF#a", "1")).updateExpression("SET gsi1pk = :g")
          .expressionAttributeValues(Map.of(":g", s("G2"))));
      client.updateItem(r -> r.tableName(table).key(key("SELF#a", "1")).updateExpression("REMOVE gsi1pk, gsi1sk"));
      client.updateItem(r -> r.tableName(table).key(key("SELF#a", "1")).updateExpression("SET x = :v")
          .expressionAttributeValues(Map.of(":v", s("plain"))));
      client.transactWriteItems(r -> r.transactItems(
          TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("SELF#b"), "sk", s("1"), "gsi1pk", s("G1"),
              "gsi1sk", s("y")))).build(),
          TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("SELF#c"), "sk", s("1")))).build()));
      client.query(r -> r.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :g")
          .expressionAttributeValues(Map.of(":g", s("G1"))));
      client.batchGetItem(r -> r.requestItems(Map.of(table, KeysAndAttributes.builder()
          .keys(key("SELF#a", "1"), key("SELF#b", "1")).consistentRead(true).build())));
      long to = waitForNextSecond();
      Map<String, Long> base = strip(meter.requests(HeatMeter.Space.BASE_PARTITION, from, to));
      Map<String, Long> index = strip(meter.requests(HeatMeter.Space.INDEX_PARTITION, from, to));
      Map<String, Double> indexUnits = strip(meter.units(HeatMeter.Space.INDEX_PARTITION, from, to));
      Map<String, Double> baseUnits = strip(meter.units(HeatMeter.Space.BASE_PARTITION, from, to));
      check("requests per base partition (put, 3 updates and a batch read of SELF#a; a transaction and a batch read of SELF#b)",
          Map.of("SELF#a", 5L, "SELF#b", 2L, "SELF#c", 1L), base);
      check("requests per index partition (G1: the put, the move away, the transaction, the query; G2: the move in, the removal)",
          Map.of("G1", 4L, "G2", 2L), index);
      check("index units split over the partitions an index move touches (dynoxide: move 2.0, removal 1.0, query 0.5)",
          Map.of("G1", 1.0 + 1.0 + 1.0 + 0.5, "G2", 1.0 + 1.0), indexUnits);
      check("a transaction's table units split evenly over its items (4.0 over two puts) plus each one's other writes and reads",
          Map.of("SELF#a", 1.0 + 1.0 + 1.0 + 1.0 + 1.0, "SELF#b", 2.0 + 1.0, "SELF#c", 2.0), round(baseUnits));
      check("the shadow knows the item left the index and the new item is in G1",
          "null,G1", shadow.indexPartition(table, "SELF#a", "1") + "," + shadow.indexPartition(table, "SELF#b", "1"));
      HeatMeter.Window w = meter.window(from, to);
      check("the hottest base partition is SELF#a with 5 requests in the window", "SELF#…:5",
          w.basePartition().key() + ":" + Math.round(w.basePartition().requestsPerSecond() * w.seconds()));
      check("key labels print no token secret", "TOKEN#… / TOKEN, QUEUE#c1 / STATE, UNPLACED#c1#7, USER#… / QUEUE#c1",
          KeyLabel.ofItem("t\u0000TOKEN#s3cr3tS3cr3t\u0000TOKEN") + ", " + KeyLabel.ofItem("t\u0000QUEUE#c1\u0000STATE") + ", "
              + KeyLabel.ofPartition("t\u0000UNPLACED#c1#7") + ", " + KeyLabel.ofItem("t\u0000USER#alice\u0000QUEUE#c1"));
    }
  }

  /**
   * At 1/1000 of DynamoDB's limits (1 write unit and 3 read units per second per partition), so
   * that even one thread on a busy machine outruns them; the benchmark itself uses 1/100.
   */
  private void throttle(BenchEngine engine) {
    String table = "rush-selfcheck-throttle";
    engine.createTable(table);
    IndexShadow shadow = new IndexShadow();
    try (ScaledThrottle throttle = new ScaledThrottle(shadow, 0.001);
         DynamoDbClient once = RushWiring.throttledClient(engine.endpoint(), false, shadow, throttle);
         DynamoDbClient retrying = RushWiring.throttledClient(engine.endpoint(), true, shadow, throttle)) {
      for (String pk : List.of("HOT", "HOTR", "COLD", "COLD2")) {
        once.putItem(r -> r.tableName(table).item(Map.of("pk", s(pk), "sk", s("1"))));
      }
      throttle.arm();
      // Reads: 3 read units/s and a second of burst; an eventually consistent read of a small item costs 0.5.
      long started = System.nanoTime();
      int ok = 0;
      int refused = 0;
      for (int i = 0; i < 40; i++) {
        try {
          once.getItem(r -> r.tableName(table).key(key("HOTR", "1")));
          ok++;
        } catch (ProvisionedThroughputExceededException e) {
          refused++;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double allowed = (3 + 3 * seconds) / 0.5;
      check(String.format(Locale.ROOT, "40 eventually consistent reads of one key in %.2f s: the burst (6) and at most %.0f in all "
          + "let through (%d), the rest refused with ProvisionedThroughputExceededException (%d)", seconds, allowed, ok, refused),
          true, ok >= 6 && ok <= allowed + 1 && refused > 0);
      // BatchGetItem: the exhausted partition's key comes back unprocessed, the other one is read.
      BatchGetItemResponse batch = once.batchGetItem(r -> r.requestItems(Map.of(table, KeysAndAttributes.builder()
          .keys(key("HOTR", "1"), key("COLD", "1")).consistentRead(true).build())));
      check("BatchGetItem of an exhausted and a free partition: the free one read, the other unprocessed", "[COLD] | [HOTR]",
          batch.responses().getOrDefault(table, List.of()).stream().map(i -> i.get("pk").s()).toList() + " | "
              + (batch.hasUnprocessedKeys() && batch.unprocessedKeys().containsKey(table)
                  ? batch.unprocessedKeys().get(table).keys().stream().map(k -> k.get("pk").s()).toList() : "[]"));
      // Writes: 1 write unit/s per partition key; a transaction's put costs 2.
      putIgnoringThrottle(once, table, Map.of("pk", s("HOT"), "sk", s("w")));
      String outcome;
      try {
        once.transactWriteItems(r -> r.transactItems(
            TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("COLD2"), "sk", s("t")))).build(),
            TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("HOT"), "sk", s("t")))).build()));
        outcome = "committed";
      } catch (TransactionCanceledException e) {
        outcome = e.cancellationReasons().stream().map(c -> c.code()).toList().toString();
      }
      check("a transaction with an item on an exhausted partition: TransactionCanceledException with a reason per item",
          "[None, ThrottlingError]", outcome);
      // Back-pressure: an index partition out of write capacity throttles the base write that would add to it.
      putIgnoringThrottle(once, table, Map.of("pk", s("IDX#1"), "sk", s("1"), "gsi1pk", s("SHARD#1"), "gsi1sk", s("a")));
      String message;
      try {
        once.putItem(r -> r.tableName(table).item(Map.of("pk", s("FRESH"), "sk", s("1"), "gsi1pk", s("SHARD#1"), "gsi1sk", s("z"))));
        message = "let through";
      } catch (ProvisionedThroughputExceededException e) {
        message = e.awsErrorDetails().errorMessage().startsWith("Throughput exceeds the current capacity for one or more global")
            ? "throttled for the index" : "throttled: " + e.awsErrorDetails().errorMessage();
      }
      check("a put to a fresh partition whose index partition is exhausted is throttled (back-pressure)", "throttled for the index",
          message);
      String free;
      try {
        once.putItem(r -> r.tableName(table).item(Map.of("pk", s("FRESH2"), "sk", s("1"))));
        free = "let through";
      } catch (ProvisionedThroughputExceededException e) {
        free = "throttled";
      }
      check("the same put without an index key goes through", "let through", free);
      // The SDK's own retries are attempts too: a retrying client gets through as the bucket refills.
      LockSupport.parkNanos(1_000_000_000L);
      long before = throttle.attempts().get("GetItem").attempts();
      for (int i = 0; i < 10; i++) {
        retrying.getItem(r -> r.tableName(table).key(key("HOTR", "1")));
      }
      long attempts = throttle.attempts().get("GetItem").attempts() - before;
      check("10 reads of one key at 6 a second, with the SDK's retries: all succeed, in more than 10 attempts (" + attempts + ")",
          true, attempts > 10);
      StringBuilder perOperation = new StringBuilder();
      throttle.attempts().forEach((op, a) -> perOperation.append(perOperation.length() == 0 ? "" : ", ").append(op).append(' ')
          .append(a.throttled()).append('/').append(a.attempts()).append(a.throttledForIndex() > 0 ? " (" + a.throttledForIndex()
              + " for the index)" : ""));
      report.line("  throttled / attempts per operation: %s", perOperation);
    }
  }

  private static void putIgnoringThrottle(DynamoDbClient client, String table, Map<String, AttributeValue> item) {
    try {
      client.putItem(r -> r.tableName(table).item(item));
    } catch (ProvisionedThroughputExceededException alreadyEmpty) {
      // the partition's bucket is empty either way
    }
  }

  private void legacyDesign(BenchEngine engine) {
    String table = "rush-selfcheck-legacy";
    engine.createTable(table);
    IndexShadow shadow = new IndexShadow();
    HeatMeter meter = new HeatMeter(shadow);
    LegacyQueueDesign design = new LegacyQueueDesign();
    try (DynamoDbClient client = RushWiring.client(engine.endpoint(), shadow, meter)) {
      QueueDesign.Stage stage = new QueueDesign.Stage(table, "selfcheck", RushWiring.environment(SamTemplate.locate(), table),
          Clock.systemUTC());
      design.prepare(stage, client);
      QueueDesign.FunctionInstance instance = design.newInstance(stage, client);
      instance.join("warm-up");
      long from = waitForNextSecond();
      QueueDesign.Joined joined = meter.measure("join", () -> instance.join("alice"));
      QueueDesign.Polled polled = meter.measure("poll", () -> instance.poll("alice", joined.token()));
      long to = waitForNextSecond();
      HeatMeter.Window w = meter.window(from, to);
      HeatMeter.Calls join = w.calls("join");
      HeatMeter.Calls poll = w.calls("poll");
      check("legacy join: BatchGetItem + UpdateItem + TransactWriteItems, 2.0 read and 7.0 write units "
          + "(docs/performance.md: 'new token → 201')", "3 requests, 2.0 RRU, 7.0 WRU", String.format(Locale.ROOT,
          "%d requests, %.1f RRU, %.1f WRU", join.requests(), join.readUnits(), join.writeUnits()));
      check("legacy poll: one BatchGetItem, 1.0 read unit (docs/performance.md: 'WAITING → 200')", "1 requests, 1.0 RRU",
          String.format(Locale.ROOT, "%d requests, %.1f RRU", poll.requests(), poll.readUnits()));
      check("legacy places at the join, second in the queue", "2 / WAITING at 2",
          joined.place().getAsLong() + " / " + polled.status() + " at " + polled.position().getAsLong());
      instance.maintenanceRound();
      check("a maintenance round admits both (QUEUE_MAX_ACTIVE 100)", "ACTIVE", instance.poll("alice", joined.token()).status());
      check("the observer reads the place", Map.of(joined.token(), 2L), design.places(stage, client, List.of(joined.token())));
    }
  }

  private void check(String what, Object expected, Object actual) {
    checks++;
    boolean ok = java.util.Objects.equals(expected, actual);
    report.line("- %s %s%s", ok ? "ok" : "**FAILED**", what, ok ? "" : " (expected " + expected + ", was " + actual + ")");
    if (!ok) {
      failures.add(what);
    }
  }

  private static <V> Map<String, V> strip(Map<String, V> byTableKey) {
    Map<String, V> stripped = new java.util.TreeMap<>();
    byTableKey.forEach((k, v) -> stripped.put(k.substring(k.indexOf('\u0000') + 1), v));
    return stripped;
  }

  private static Map<String, Double> round(Map<String, Double> units) {
    Map<String, Double> rounded = new java.util.TreeMap<>();
    units.forEach((k, v) -> rounded.put(k, Math.round(v * 100) / 100.0));
    return rounded;
  }

  /** Waits for the next whole second and returns it, so that a check's requests fall into known buckets. */
  private static long waitForNextSecond() {
    long next = System.currentTimeMillis() / 1000 + 1;
    long wait;
    while ((wait = next * 1000 - System.currentTimeMillis()) > 0) {
      LockSupport.parkNanos(wait * 1_000_000);
    }
    return next;
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
