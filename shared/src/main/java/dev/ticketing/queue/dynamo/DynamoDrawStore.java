package dev.ticketing.queue.dynamo;

import dev.ticketing.catalog.dynamo.CatalogItems;
import dev.ticketing.sale.draw.DrawStore;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The draw's public side in DynamoDB: the concert item's published seed, and the order's chunks of 1,000 receipts. */
@Singleton
final class DynamoDrawStore implements DrawStore {
  private final Table table;

  @Inject
  DynamoDrawStore(Table table, StoragePriming priming) {
    this.table = table;
    // The concert's seed, and the order's chunks.
    priming.getItem(CatalogItems.CONCERT_PREFIX);
    priming.batchGetItem(QueueItems.DRAW_PREFIX);
  }

  @Override
  public Optional<Published> published(String concertId) {
    return table.get(CatalogItems.concertKey(concertId), false)
        .filter(item -> item.containsKey("drawSeed") && item.containsKey("drawId"))
        .map(item -> new Published(Items.string(item, "drawSeed"), Items.string(item, "drawId")));
  }

  @Override
  public boolean concertExists(String concertId) {
    return table.get(CatalogItems.concertKey(concertId), false).isPresent();
  }

  @Override
  public int chunkSize() {
    return QueueItems.DRAW_CHUNK;
  }

  @Override
  public Map<Long, List<String>> chunks(String concertId, String drawId, List<Long> indexes) {
    Map<String, Map<String, AttributeValue>> items = table.batchGet(
        indexes.stream().map(chunk -> QueueItems.drawKey(concertId, drawId, chunk)).toList());
    Map<Long, List<String>> chunks = new HashMap<>();
    for (long chunk : indexes) {
      Map<String, AttributeValue> item = items.get(Table.keyString(QueueItems.drawKey(concertId, drawId, chunk)));
      if (item != null) {
        chunks.put(chunk, QueueItems.receiptsOf(item));
      }
    }
    return chunks;
  }
}
