package dev.ticketing.queue.dynamo;

import dev.ticketing.catalog.dynamo.CatalogItems;
import dev.ticketing.config.Settings;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.state.QueueStateStore;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.Items;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The queue's shared state in DynamoDB: {@code QUEUE_STATE_REPLICAS} identical items, each its
 * own partition, so the once-a-second reads of thousands of function instances spread over them.
 * Read eventually consistently: the state is at most a second old by design anyway.
 */
@Singleton
final class DynamoQueueStateStore implements QueueStateStore {
  private final Table table;
  private final int replicas;
  /** The instance's own source (InstanceRandom): instances restored from one snapshot read different replicas. */
  private final RandomGenerator random;

  @Inject
  DynamoQueueStateStore(Table table, StoragePriming priming, Settings settings, RandomGenerator random) {
    this.table = table;
    this.replicas = settings.queueStateReplicas();
    this.random = random;
    // A replica's read, and the concert's own item when no replica exists yet.
    priming.getItem(QueueItems.STATE_PREFIX);
    priming.getItem(CatalogItems.CONCERT_PREFIX);
  }

  @Override
  public Optional<QueueState> anyReplica(String concertId) {
    int replica = random.nextInt(replicas);
    return table.get(QueueItems.stateKey(concertId, replica), false).map(item -> QueueItems.stateOf(concertId, item));
  }

  @Override
  public Optional<Optional<Instant>> concertOpening(String concertId) {
    return table.get(CatalogItems.concertKey(concertId), false)
        .map(concert -> Optional.ofNullable(Items.string(concert, "saleOpensAt")).map(Instant::parse));
  }
}
