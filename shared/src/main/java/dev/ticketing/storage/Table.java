package dev.ticketing.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The service's one DynamoDB table and the client that reaches it, with the reads every feature
 * needs. {@code unprocessedKeys} paces the re-sending of keys a batch read left unprocessed.
 */
public record Table(DynamoDbClient client, String name, Backoff unprocessedKeys) {
  private static final int BATCH_GET_LIMIT = 100;

  public Table(DynamoDbClient client, String name) {
    this(client, name, Backoff.UNPROCESSED_KEYS);
  }

  /**
   * Consistent reads of several items, one request per 100 keys. Keys DynamoDB leaves
   * unprocessed under load are sent again after a backoff ({@link Backoff#UNPROCESSED_KEYS}); keys
   * still unprocessed after the last call make a {@link StorageBusyException} (503, safe to retry).
   * Found items are keyed by {@link #keyString}.
   */
  public Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    return batchGet(keys, true);
  }

  /**
   * As {@link #batchGet(List)}, consistent or not: an eventually consistent read costs half the
   * read units and may trail the latest write by a moment.
   */
  public Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, boolean consistent) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int start = 0; start < keys.size(); start += BATCH_GET_LIMIT) {
      Map<String, KeysAndAttributes> request = Map.of(name, KeysAndAttributes.builder()
          .keys(keys.subList(start, Math.min(keys.size(), start + BATCH_GET_LIMIT)))
          .consistentRead(consistent).build());
      for (int call = 1; !request.isEmpty(); call++) {
        if (call > 1) {
          if (call > unprocessedKeys.maxCalls()) {
            throw new StorageBusyException("batch read left " + request.get(name).keys().size()
                + " keys unprocessed after " + unprocessedKeys.maxCalls() + " calls", null);
          }
          unprocessedKeys.pauseBefore(call - 1);
        }
        Map<String, KeysAndAttributes> pending = request;
        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(pending));
        response.responses().getOrDefault(name, List.of()).forEach(item -> found.put(keyString(item), item));
        request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return found;
  }

  /** Every item a query matches, following its pages. */
  public List<Map<String, AttributeValue>> queryAll(QueryRequest query) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse page = client.query(start == null ? query : query.toBuilder().exclusiveStartKey(start).build());
      items.addAll(page.items());
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return items;
  }

  /** A map key for an item's primary key. */
  public static String keyString(Map<String, AttributeValue> item) {
    return item.get("pk").s() + "\u0000" + item.get("sk").s();
  }
}
