package dev.ticketing.queue.dynamo;

import dev.ticketing.catalog.dynamo.CatalogItems;
import dev.ticketing.queue.DrawStore;
import dev.ticketing.sale.Draw;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The draw's public side in DynamoDB: the concert item's published seed, and the order's chunks of 1,000. */
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
  public List<Draw.Entry> entries(String concertId, String drawId, long from, int count) {
    long firstChunk = from / QueueItems.DRAW_CHUNK;
    long lastChunk = (from + count - 1) / QueueItems.DRAW_CHUNK;
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (long chunk = firstChunk; chunk <= lastChunk; chunk++) {
      keys.add(QueueItems.drawKey(concertId, drawId, chunk));
    }
    Map<String, Map<String, AttributeValue>> items = table.batchGet(keys);
    List<Draw.Entry> entries = new ArrayList<>();
    for (long chunk = firstChunk; chunk <= lastChunk; chunk++) {
      Map<String, AttributeValue> item = items.get(Table.keyString(QueueItems.drawKey(concertId, drawId, chunk)));
      if (item == null) {
        break;
      }
      List<AttributeValue> receipts = item.get("receipts").l();
      List<AttributeValue> hmacs = item.get("hmacs").l();
      for (int i = 0; i < receipts.size(); i++) {
        long position = chunk * QueueItems.DRAW_CHUNK + i;
        if (position >= from && position < from + count) {
          entries.add(new Draw.Entry(receipts.get(i).s(), hmacs.get(i).s()));
        }
      }
    }
    return entries;
  }
}
