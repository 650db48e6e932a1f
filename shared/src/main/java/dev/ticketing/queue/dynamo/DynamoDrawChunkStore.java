package dev.ticketing.queue.dynamo;

import dev.ticketing.queue.state.DrawChunkStore;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A draw chunk for a poll in DynamoDB: one GetItem, eventually consistent, then consistent if not found yet. */
@Singleton
final class DynamoDrawChunkStore implements DrawChunkStore {
  private final Table table;

  @Inject
  DynamoDrawChunkStore(Table table, StoragePriming priming) {
    this.table = table;
    priming.getItem(QueueItems.DRAW_PREFIX);
  }

  @Override
  public Optional<List<String>> chunk(String concertId, String drawId, long index) {
    // The shared state names a draw only after its chunks are written; an eventually consistent
    // read may still miss one for a moment, a consistent one never.
    Map<String, AttributeValue> key = QueueItems.drawKey(concertId, drawId, index);
    return table.get(key, false).or(() -> table.get(key, true)).map(QueueItems::receiptsOf);
  }
}
