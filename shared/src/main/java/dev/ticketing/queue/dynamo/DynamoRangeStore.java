package dev.ticketing.queue.dynamo;

import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.queue.state.RangeStore;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** A second's range in DynamoDB: one GetItem, eventually consistent, then consistent if not found yet. */
@Singleton
final class DynamoRangeStore implements RangeStore {
  private final Table table;

  @Inject
  DynamoRangeStore(Table table, StoragePriming priming) {
    this.table = table;
    priming.getItem(QueueItems.RANGE_PREFIX);
  }

  @Override
  public Optional<ArrivalRange> range(String concertId, long bucket, int part) {
    // The shared state names a second only after its range is written; an eventually consistent
    // read may still miss it for a moment, a consistent one never.
    return table.get(QueueItems.rangeKey(concertId, bucket, part), false)
        .or(() -> table.get(QueueItems.rangeKey(concertId, bucket, part), true))
        .map(QueueItems::rangeOf);
  }
}
