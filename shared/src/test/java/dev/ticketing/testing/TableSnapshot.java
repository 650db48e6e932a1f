package dev.ticketing.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Every item of a table, read with a consistent Scan and keyed by {@code pk / sk}: two snapshots
 * are equal when no item was added, removed or changed in between. The seconds each queue's rounds
 * have read (the counters' {@code rangedThrough} and {@code open}) are left out: they move with the
 * clock at every round, whatever anyone asks.
 */
public record TableSnapshot(SortedMap<String, Map<String, AttributeValue>> items) {

  public static TableSnapshot of(DynamoDbClient client, String table) {
    SortedMap<String, Map<String, AttributeValue>> items = new TreeMap<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder scan = ScanRequest.builder().tableName(table).consistentRead(true);
      if (start != null) {
        scan.exclusiveStartKey(start);
      }
      ScanResponse page = client.scan(scan.build());
      page.items().forEach(item -> items.put(item.get("pk").s() + " / " + item.get("sk").s(), withoutClock(item)));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return new TableSnapshot(items);
  }

  private static Map<String, AttributeValue> withoutClock(Map<String, AttributeValue> item) {
    if (!item.get("pk").s().startsWith("QUEUE#")) {
      return item;
    }
    Map<String, AttributeValue> kept = new java.util.HashMap<>(item);
    kept.remove("rangedThrough");
    kept.remove("open");
    return kept;
  }

  public List<Map<String, AttributeValue>> all() {
    return List.copyOf(items.values());
  }

  /** What differs from {@code earlier}, one line per added, removed or changed item; empty when equal. */
  public List<String> differencesFrom(TableSnapshot earlier) {
    TreeSet<String> keys = new TreeSet<>(items.keySet());
    keys.addAll(earlier.items.keySet());
    return keys.stream()
        .filter(key -> !Objects.equals(items.get(key), earlier.items.get(key)))
        .map(key -> !earlier.items.containsKey(key) ? "added " + key + " " + items.get(key)
            : !items.containsKey(key) ? "removed " + key
            : "changed " + key + ": " + earlier.items.get(key) + " -> " + items.get(key))
        .toList();
  }
}
