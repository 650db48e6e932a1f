package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.SaleState;
import dev.ticketing.catalog.dynamo.CatalogItems;
import dev.ticketing.config.Settings;
import dev.ticketing.queue.QueueState;
import dev.ticketing.queue.QueueStateStore;
import dev.ticketing.storage.FanOut;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The queue's shared state in DynamoDB: {@code QUEUE_STATE_REPLICAS} identical items, each its
 * own partition, so the once-a-second reads of thousands of function instances spread over them.
 * Read eventually consistently: the state is at most a second old by design anyway.
 */
@Singleton
final class DynamoQueueStateStore implements QueueStateStore {
  private final Table table;
  private final FanOut fanOut;
  private final int replicas;

  @Inject
  DynamoQueueStateStore(Table table, FanOut fanOut, StoragePriming priming, Settings settings) {
    this.table = table;
    this.fanOut = fanOut;
    this.replicas = settings.queueStateReplicas();
    // A replica's read, and the concert's own item when no replica exists yet.
    priming.getItem(QueueItems.STATE_PREFIX);
    priming.getItem(CatalogItems.CONCERT_PREFIX);
  }

  @Override
  public Optional<QueueState> anyReplica(String concertId) {
    int replica = ThreadLocalRandom.current().nextInt(replicas);
    return table.get(QueueItems.stateKey(concertId, replica), false).map(item -> stateOf(concertId, item));
  }

  @Override
  public boolean concertExists(String concertId) {
    return table.get(CatalogItems.concertKey(concertId), false).isPresent();
  }

  @Override
  public void publish(QueueState state) {
    fanOut.map(IntStream.range(0, replicas).boxed().toList(), replica -> table.put(put -> put.item(itemOf(state, replica))));
  }

  private static Map<String, AttributeValue> itemOf(QueueState state, int replica) {
    Map<String, AttributeValue> item = new HashMap<>(QueueItems.stateKey(state.concertId(), replica));
    item.put("saleState", s(state.saleState().name()));
    state.saleOpensAt().ifPresent(at -> item.put("saleOpensAt", n(at.toEpochMilli())));
    item.put("admittedThrough", n(state.admittedThrough()));
    item.put("placedThrough", n(state.placedThrough()));
    item.put("activeUsers", n(state.activeUsers()));
    item.put("maxActive", n(state.maxActive()));
    state.admissionsPerSecond().ifPresent(rate -> item.put("admissionsPerSecond", AttributeValue.fromN(Double.toString(rate))));
    item.put("updatedAt", n(state.updatedAt().toEpochMilli()));
    return item;
  }

  private static QueueState stateOf(String concertId, Map<String, AttributeValue> item) {
    return new QueueState(concertId, SaleState.valueOf(Items.string(item, "saleState")),
        QueueItems.optionalInstant(item, "saleOpensAt"), Items.number(item, "admittedThrough"),
        Items.number(item, "placedThrough"), Items.number(item, "activeUsers"), (int) Items.number(item, "maxActive"),
        Optional.ofNullable(item.get("admissionsPerSecond")).map(v -> Double.parseDouble(v.n())),
        Instant.ofEpochMilli(Items.number(item, "updatedAt")));
  }
}
