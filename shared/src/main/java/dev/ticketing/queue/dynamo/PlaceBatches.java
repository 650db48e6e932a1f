package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The batches of places: which token holds which place, written once per batch in the same
 * transaction as the counters' update, and read by whoever writes the places into the tokens
 * and by admission. A batch is stored per block of {@link QueueItems#BLOCK} places, each block
 * its own partition, so no partition takes more than a block's worth of batch writes however
 * fast the queue fills.
 */
final class PlaceBatches {
  private PlaceBatches() {}

  /** The items recording places {@code from + 1 ...} for {@code tokens}, in order, one per block touched. */
  static List<Map<String, AttributeValue>> items(String concertId, long from, List<QueueTokenId> tokens, Instant now) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    int start = 0;
    while (start < tokens.size()) {
      long firstPlace = from + 1 + start;
      long blockEnd = (QueueItems.blockOf(firstPlace) + 1) * QueueItems.BLOCK;
      int end = (int) Math.min(tokens.size(), start + (blockEnd - firstPlace + 1));
      Map<String, AttributeValue> item = new HashMap<>(QueueItems.batchKey(concertId, firstPlace));
      item.put("first", n(firstPlace));
      item.put("tokens", AttributeValue.fromL(tokens.subList(start, end).stream().map(t -> s(t.secret())).toList()));
      item.put("ttl", n(now.plus(QueueItems.KEEP_UNADMITTED).getEpochSecond()));
      items.add(item);
      start = end;
    }
    return items;
  }

  /** The tokens of places {@code (fromExclusive, toInclusive]}, by place, read consistently. */
  static Map<Long, QueueTokenId> tokens(Table table, String concertId, long fromExclusive, long toInclusive) {
    Map<Long, QueueTokenId> byPlace = new LinkedHashMap<>();
    if (toInclusive <= fromExclusive) {
      return byPlace;
    }
    for (long block = QueueItems.blockOf(fromExclusive + 1); block <= QueueItems.blockOf(toInclusive); block++) {
      String pk = QueueItems.batchPk(concertId, block);
      for (Map<String, AttributeValue> batch : table.queryAll(query -> query.consistentRead(true)
          .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk))))) {
        long first = Items.number(batch, "first");
        List<AttributeValue> secrets = batch.get("tokens").l();
        for (int i = 0; i < secrets.size(); i++) {
          long place = first + i;
          if (place > fromExclusive && place <= toInclusive) {
            byPlace.put(place, new QueueTokenId(concertId, secrets.get(i).s()));
          }
        }
      }
    }
    return byPlace;
  }
}
