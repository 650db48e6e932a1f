package dev.ticketing.queue.dynamo;

import dev.ticketing.domain.Instants;
import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.config.Settings;
import dev.ticketing.queue.Arrival;
import dev.ticketing.queue.PlacementStore;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.FanOut;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Placement in DynamoDB (docs/data-model.md, "Queue"): one Query per shard of the index of
 * unplaced tokens, side by side; one transaction of the batch's items and the counters' update;
 * then one conditional update per token, side by side, which also takes it out of the index.
 */
@Singleton
final class DynamoPlacementStore implements PlacementStore {
  /** Entries one round reads from one shard at most; a shard cut short bounds the batch (below). */
  private static final int MIN_PER_SHARD = 100;

  private final Table table;
  private final FanOut fanOut;
  private final Clock clock;
  private final int shards;

  /** One shard's waiting tokens, and whether the shard holds more than were read. */
  private record ShardPage(List<Arrival.Unplaced> entries, boolean cutShort) {}

  @Inject
  DynamoPlacementStore(Table table, FanOut fanOut, Clock clock, StoragePriming priming, Settings settings) {
    this.table = table;
    this.fanOut = fanOut;
    this.clock = clock;
    this.shards = settings.queueJoinShards();
    // Counters, the shards, late entries' tokens, the batch, the batches' Query, the places.
    priming.getItem(QueueItems.QUEUE_PREFIX);
    priming.queryIndex(QueueItems.UNPLACED_PREFIX);
    priming.batchGetItem(QueueItems.TOKEN_PREFIX);
    priming.refusedTransaction(QueueItems.QUEUE_PREFIX);
    priming.query(QueueItems.BATCH_PREFIX);
    priming.refusedUpdate(QueueItems.TOKEN_PREFIX);
    priming.refusedUpdate(QueueItems.QUEUE_PREFIX);
  }

  @Override
  public QueueCounters counters(String concertId) {
    return QueueItems.readCounters(table, concertId);
  }

  @Override
  public List<Arrival.Unplaced> unplaced(String concertId, Optional<Arrival> placedUpTo, Instant arrivedBy, int limit) {
    int perShard = Math.max(MIN_PER_SHARD, 2 * limit / shards);
    // Everything that arrived up to and including this millisecond sorts at or below this key.
    String upTo = String.format("%015d$", arrivedBy.toEpochMilli());
    List<ShardPage> pages = fanOut.map(IntStream.range(0, shards).boxed().toList(),
        shard -> readShard(concertId, shard, upTo, perShard));
    // A shard cut short may hold arrivals earlier than another shard's later entries: place only
    // up to the earliest last entry of a cut shard, so nobody is placed ahead of an earlier arrival.
    Optional<Arrival> cutoff = pages.stream().filter(ShardPage::cutShort)
        .map(page -> page.entries().get(page.entries().size() - 1).arrival())
        .min(Arrival::compareTo);
    List<Arrival.Unplaced> entries = new ArrayList<>();
    pages.forEach(page -> page.entries().stream()
        .filter(entry -> cutoff.map(c -> entry.arrival().compareTo(c) <= 0).orElse(true))
        .forEach(entries::add));
    entries.sort((a, b) -> a.arrival().compareTo(b.arrival()));
    List<Arrival.Unplaced> batch = withoutPlacedLateEntries(entries, placedUpTo);
    return batch.size() <= limit ? batch : List.copyOf(batch.subList(0, limit));
  }

  private ShardPage readShard(String concertId, int shard, String upTo, int limit) {
    QueryResponse page = table.query(query -> query.indexName("gsi1")
        .keyConditionExpression("gsi1pk = :shard AND gsi1sk < :upTo")
        .expressionAttributeValues(Map.of(":shard", s(QueueItems.unplacedIndexPk(concertId, shard)), ":upTo", s(upTo)))
        .limit(limit));
    List<Arrival.Unplaced> entries = new ArrayList<>(page.items().size());
    for (Map<String, AttributeValue> item : page.items()) {
      QueueTokenId.parse(Items.string(item, "token")).ifPresent(id ->
          entries.add(new Arrival.Unplaced(id, QueueItems.arrivalOf(Items.string(item, "gsi1sk")))));
    }
    boolean cutShort = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !entries.isEmpty();
    return new ShardPage(entries, cutShort);
  }

  /**
   * Entries at or before the last placed arrival are late index entries, or stale ones of tokens
   * placed a moment ago (the index is eventually consistent): keep those whose token, read
   * consistently, is still waiting without a place.
   */
  private List<Arrival.Unplaced> withoutPlacedLateEntries(List<Arrival.Unplaced> entries, Optional<Arrival> placedUpTo) {
    if (placedUpTo.isEmpty()) {
      return entries;
    }
    List<Arrival.Unplaced> late = entries.stream().filter(e -> e.arrival().compareTo(placedUpTo.get()) <= 0).toList();
    if (late.isEmpty()) {
      return entries;
    }
    Map<String, Map<String, AttributeValue>> tokens = table.batchGet(late.stream().map(e -> QueueItems.tokenKey(e.token())).toList());
    return entries.stream().filter(entry -> {
      if (entry.arrival().compareTo(placedUpTo.get()) > 0) {
        return true;
      }
      Map<String, AttributeValue> token = tokens.get(Table.keyString(QueueItems.tokenKey(entry.token())));
      return token != null && "WAITING".equals(Items.string(token, "status")) && !token.containsKey("place");
    }).toList();
  }

  @Override
  public boolean recordBatch(String concertId, long fromExclusive, List<Arrival.Unplaced> batch) {
    List<TransactWriteItem> writes = new ArrayList<>();
    for (Map<String, AttributeValue> item : PlaceBatches.items(concertId, fromExclusive,
        batch.stream().map(Arrival.Unplaced::token).toList(), Instants.now(clock))) {
      writes.add(TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(item)
          .conditionExpression("attribute_not_exists(pk)")).build());
    }
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":from", n(fromExclusive), ":to", n(fromExclusive + batch.size()), ":zero", n(0),
        ":upTo", s(QueueItems.arrivalSk(batch.get(batch.size() - 1).arrival()))));
    writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
        .key(QueueItems.counterKey(concertId))
        .updateExpression("SET placedThrough = :to, placedUpTo = :upTo,"
            + " placesWrittenThrough = if_not_exists(placesWrittenThrough, :zero), admitted = if_not_exists(admitted, :zero),"
            + " ended = if_not_exists(ended, :zero), activatedThrough = if_not_exists(activatedThrough, :zero)")
        .conditionExpression(fromExclusive == 0 ? "attribute_not_exists(placedThrough) OR placedThrough = :from"
            : "placedThrough = :from")
        .expressionAttributeValues(values)
        .build()).build());
    return table.transact(writes).committed();
  }

  @Override
  public void writePlaces(String concertId, long fromExclusive, long toInclusive) {
    Map<Long, QueueTokenId> tokens = PlaceBatches.tokens(table, concertId, fromExclusive, toInclusive);
    fanOut.map(List.copyOf(tokens.entrySet()), placed -> table.update(update -> update.key(QueueItems.tokenKey(placed.getValue()))
        .updateExpression("SET place = :place REMOVE gsi1pk, gsi1sk")
        // A token that left meanwhile gets no place: its number is a gap admission skips.
        .conditionExpression("#status = :waiting AND (attribute_not_exists(place) OR place = :place)")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":place", n(placed.getKey()), ":waiting", s("WAITING")))));
  }

  @Override
  public boolean completePlaces(String concertId, long fromExclusive, long toInclusive) {
    return table.update(update -> update.key(QueueItems.counterKey(concertId))
        .updateExpression("SET placesWrittenThrough = :to")
        .conditionExpression("placesWrittenThrough = :from")
        .expressionAttributeValues(Map.of(":from", n(fromExclusive), ":to", n(toInclusive))));
  }
}
