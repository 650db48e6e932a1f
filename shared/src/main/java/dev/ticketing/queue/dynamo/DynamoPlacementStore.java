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
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Placement in DynamoDB (docs/data-model.md, "Queue"): one Query per shard of the index of
 * unplaced tokens, side by side; one transaction of the batch's items and the counters' update;
 * then the places written into the tokens, a hundred to a transaction, side by side, each update
 * taking its token out of the index. The
 * draw reads the pre-queue's shards whole and writes its order in chunks of 1,000.
 */
@Singleton
final class DynamoPlacementStore implements PlacementStore {
  /** Entries one round reads from one shard at most; a shard cut short bounds the batch (below). */
  private static final int MIN_PER_SHARD = 100;
  /**
   * Places written by one TransactWriteItems (DynamoDB takes up to 100 items): a hundred tokens in one
   * request instead of a hundred requests, so one invocation writes the places of a large pre-queue
   * in seconds. Each token is still its own item; a transaction costs twice the write units.
   */
  static final int PLACES_PER_TRANSACTION = 100;
  private static final String PLACE_UPDATE = "SET place = :place REMOVE gsi1pk, gsi1sk";
  /** A token that left meanwhile gets no place: its number is a gap admission skips. */
  private static final String PLACE_CONDITION = "#status = :waiting AND (attribute_not_exists(place) OR place = :place)";

  private final Table table;
  private final FanOut fanOut;
  private final Clock clock;
  private final int shards;

  /** One shard's waiting tokens, whether the shard holds more than were read, and whether they must be re-read. */
  private record ShardPage(List<Arrival.Unplaced> entries, boolean cutShort, boolean preQueue) {}

  @Inject
  DynamoPlacementStore(Table table, FanOut fanOut, Clock clock, StoragePriming priming, Settings settings) {
    this.table = table;
    this.fanOut = fanOut;
    this.clock = clock;
    this.shards = settings.queueJoinShards();
    // Counters, the shards, late arrivals' tokens, the batch, the batches' Query, the places, the draw.
    priming.getItem(QueueItems.QUEUE_PREFIX);
    priming.queryIndex(QueueItems.UNPLACED_PREFIX);
    priming.batchGetItem(QueueItems.TOKEN_PREFIX);
    priming.refusedTransaction(QueueItems.QUEUE_PREFIX);
    priming.query(QueueItems.BATCH_PREFIX);
    priming.refusedUpdate(QueueItems.TOKEN_PREFIX);
    priming.refusedTransaction(QueueItems.TOKEN_PREFIX);
    priming.refusedUpdate(QueueItems.QUEUE_PREFIX);
  }

  @Override
  public QueueCounters counters(String concertId) {
    return QueueItems.readCounters(table, concertId);
  }

  @Override
  public List<Arrival.Unplaced> unplaced(String concertId, Optional<Arrival> placedUpTo, Optional<Instant> arrivedFrom,
      Instant arrivedBy, int limit, boolean withPreQueue) {
    int perShard = Math.max(MIN_PER_SHARD, 2 * limit / shards);
    // Everything that arrived from the first to the last millisecond, inclusive, sorts within these keys.
    String from = String.format("%015d", arrivedFrom.map(Instant::toEpochMilli).orElse(0L));
    String upTo = String.format("%015d$", arrivedBy.toEpochMilli());
    List<ShardPage> pages = fanOut.map(IntStream.range(0, shards).boxed().toList(),
        shard -> readShard(QueueItems.unplacedIndexPk(concertId, shard), from, upTo, perShard, false));
    if (withPreQueue) {
      pages = new ArrayList<>(pages);
      pages.addAll(fanOut.map(IntStream.range(0, shards).boxed().toList(),
          shard -> readShard(QueueItems.preQueueIndexPk(concertId, shard), from, upTo, perShard, true)));
    }
    // A shard cut short may hold arrivals earlier than another shard's later entries: place only
    // up to the earliest last entry of a cut shard, so nobody is placed ahead of an earlier arrival.
    Optional<Arrival> cutoff = pages.stream().filter(ShardPage::cutShort)
        .map(page -> page.entries().get(page.entries().size() - 1).arrival())
        .min(Arrival::compareTo);
    List<Arrival.Unplaced> entries = new ArrayList<>();
    List<Arrival.Unplaced> toRecheck = new ArrayList<>();
    for (ShardPage page : pages) {
      for (Arrival.Unplaced entry : page.entries()) {
        if (cutoff.map(c -> entry.arrival().compareTo(c) <= 0).orElse(true)) {
          entries.add(entry);
          if (page.preQueue() || placedUpTo.map(p -> entry.arrival().compareTo(p) <= 0).orElse(false)) {
            toRecheck.add(entry);
          }
        }
      }
    }
    entries.sort((a, b) -> a.arrival().compareTo(b.arrival()));
    List<Arrival.Unplaced> batch = withoutPlaced(entries, toRecheck);
    return batch.size() <= limit ? batch : List.copyOf(batch.subList(0, limit));
  }

  private ShardPage readShard(String partition, String from, String upTo, int limit, boolean preQueue) {
    QueryResponse page = table.query(query -> query.indexName("gsi1")
        .keyConditionExpression("gsi1pk = :shard AND gsi1sk BETWEEN :from AND :upTo")
        .expressionAttributeValues(Map.of(":shard", s(partition), ":from", s(from), ":upTo", s(upTo)))
        .limit(limit));
    List<Arrival.Unplaced> entries = new ArrayList<>(page.items().size());
    for (Map<String, AttributeValue> item : page.items()) {
      QueueTokenId.parse(Items.string(item, "token")).ifPresent(id ->
          entries.add(new Arrival.Unplaced(id, QueueItems.arrivalOf(Items.string(item, "gsi1sk")))));
    }
    boolean cutShort = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !entries.isEmpty();
    return new ShardPage(entries, cutShort, preQueue);
  }

  /**
   * Late index entries, stale ones of tokens placed a moment ago (the index is eventually
   * consistent), and pre-queue entries after the draw: keep those whose token, read
   * consistently, is still waiting without a place.
   */
  private List<Arrival.Unplaced> withoutPlaced(List<Arrival.Unplaced> entries, List<Arrival.Unplaced> toRecheck) {
    if (toRecheck.isEmpty()) {
      return entries;
    }
    Map<String, Map<String, AttributeValue>> tokens = table.batchGet(toRecheck.stream().map(e -> QueueItems.tokenKey(e.token())).toList());
    java.util.Set<Arrival.Unplaced> rechecked = new java.util.HashSet<>(toRecheck);
    return entries.stream().filter(entry -> {
      if (!rechecked.contains(entry)) {
        return true;
      }
      Map<String, AttributeValue> token = tokens.get(Table.keyString(QueueItems.tokenKey(entry.token())));
      return token != null && "WAITING".equals(Items.string(token, "status")) && !token.containsKey("place");
    }).toList();
  }

  @Override
  public boolean recordBatch(String concertId, long fromExclusive, List<QueueTokenId> tokens, Optional<Arrival> placedUpTo) {
    List<TransactWriteItem> writes = new ArrayList<>();
    for (Map<String, AttributeValue> item : PlaceBatches.items(concertId, fromExclusive, tokens, Instants.now(clock))) {
      writes.add(TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(item)
          .conditionExpression("attribute_not_exists(pk)")).build());
    }
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":from", n(fromExclusive), ":to", n(fromExclusive + tokens.size()), ":zero", n(0)));
    StringBuilder set = new StringBuilder("SET placedThrough = :to,"
        + " placesWrittenThrough = if_not_exists(placesWrittenThrough, :zero), admitted = if_not_exists(admitted, :zero),"
        + " ended = if_not_exists(ended, :zero), activatedThrough = if_not_exists(activatedThrough, :zero)");
    placedUpTo.ifPresent(arrival -> {
      set.append(", placedUpTo = :upTo");
      values.put(":upTo", s(QueueItems.arrivalSk(arrival)));
    });
    writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
        .key(QueueItems.counterKey(concertId))
        .updateExpression(set.toString())
        .conditionExpression(fromExclusive == 0 ? "attribute_not_exists(placedThrough) OR placedThrough = :from"
            : "placedThrough = :from")
        .expressionAttributeValues(values)
        .build()).build());
    return table.transact(writes).committed();
  }

  @Override
  public void writePlaces(String concertId, long fromExclusive, long toInclusive) {
    List<Map.Entry<Long, QueueTokenId>> tokens = List.copyOf(PlaceBatches.tokens(table, concertId, fromExclusive, toInclusive).entrySet());
    List<List<Map.Entry<Long, QueueTokenId>>> chunks = new ArrayList<>();
    for (int start = 0; start < tokens.size(); start += PLACES_PER_TRANSACTION) {
      chunks.add(tokens.subList(start, Math.min(tokens.size(), start + PLACES_PER_TRANSACTION)));
    }
    fanOut.map(chunks, chunk -> {
      if (chunk.size() > 1 && table.transact(chunk.stream().map(placed -> TransactWriteItem.builder()
          .update(placeWrite(placed.getValue(), placed.getKey()).tableName(table.name()).build()).build()).toList()).committed()) {
        return null;
      }
      // One of them left meanwhile (or a single place): each its own conditional write, so the others get theirs.
      chunk.forEach(placed -> table.update(update -> update.key(QueueItems.tokenKey(placed.getValue()))
          .updateExpression(PLACE_UPDATE).conditionExpression(PLACE_CONDITION)
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(placeValues(placed.getKey()))));
      return null;
    });
  }

  /** The write of one token's place; it also takes the token out of the index it waited in. */
  private static Update.Builder placeWrite(QueueTokenId token, long place) {
    return Update.builder().key(QueueItems.tokenKey(token))
        .updateExpression(PLACE_UPDATE).conditionExpression(PLACE_CONDITION)
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(placeValues(place));
  }

  private static Map<String, AttributeValue> placeValues(long place) {
    return Map.of(":place", n(place), ":waiting", s("WAITING"));
  }

  @Override
  public boolean completePlaces(String concertId, long fromExclusive, long toInclusive) {
    return table.update(update -> update.key(QueueItems.counterKey(concertId))
        .updateExpression("SET placesWrittenThrough = :to")
        .conditionExpression("placesWrittenThrough = :from")
        .expressionAttributeValues(Map.of(":from", n(fromExclusive), ":to", n(toInclusive))));
  }

  @Override
  public List<PreQueued> preQueue(String concertId) {
    return fanOut.map(IntStream.range(0, shards).boxed().toList(), shard -> table.queryAll(query -> query.indexName("gsi1")
            .keyConditionExpression("gsi1pk = :shard")
            .expressionAttributeValues(Map.of(":shard", s(QueueItems.preQueueIndexPk(concertId, shard))))))
        .stream().flatMap(List::stream)
        .flatMap(item -> QueueTokenId.parse(Items.string(item, "token"))
            .map(id -> new PreQueued(id, Items.string(item, "receiptId"), Instant.ofEpochMilli(Items.number(item, "joinedAt"))))
            .stream())
        .toList();
  }

  @Override
  public boolean endDraw(String concertId, long placed, long count) {
    return table.update(update -> update.key(QueueItems.counterKey(concertId))
        .updateExpression("SET drawnCount = :placed")
        .conditionExpression("drawnCount = :count AND placedThrough = :placed")
        .expressionAttributeValues(Map.of(":placed", n(placed), ":count", n(count))));
  }

  @Override
  public void writeDraw(String concertId, String drawId, List<Drawn> drawn) {
    List<Integer> chunks = IntStream.range(0, (drawn.size() + QueueItems.DRAW_CHUNK - 1) / QueueItems.DRAW_CHUNK).boxed().toList();
    fanOut.map(chunks, chunk -> {
      List<Drawn> part = drawn.subList(chunk * QueueItems.DRAW_CHUNK, Math.min(drawn.size(), (chunk + 1) * QueueItems.DRAW_CHUNK));
      Map<String, AttributeValue> order = new HashMap<>(QueueItems.drawKey(concertId, drawId, chunk));
      order.put("receipts", AttributeValue.fromL(part.stream().map(d -> s(d.entry().receiptId())).toList()));
      order.put("hmacs", AttributeValue.fromL(part.stream().map(d -> s(d.entry().hmac())).toList()));
      Map<String, AttributeValue> tokens = new HashMap<>(QueueItems.drawnTokensKey(concertId, drawId, chunk));
      tokens.put("tokens", AttributeValue.fromL(part.stream().map(d -> s(d.token().secret())).toList()));
      table.put(put -> put.item(order));
      table.put(put -> put.item(tokens));
      return null;
    });
  }

  @Override
  public boolean freezeDraw(String concertId, long count, String drawId) {
    return table.update(update -> update.key(QueueItems.counterKey(concertId))
        .updateExpression("SET drawnCount = :count, drawId = :drawId")
        .conditionExpression("attribute_not_exists(drawnCount)")
        .expressionAttributeValues(Map.of(":count", n(count), ":drawId", s(drawId))));
  }

  @Override
  public List<QueueTokenId> drawnTokens(String concertId, String drawId, long fromExclusive, long toInclusive) {
    List<QueueTokenId> tokens = new ArrayList<>();
    long firstChunk = fromExclusive / QueueItems.DRAW_CHUNK;
    long lastChunk = (toInclusive - 1) / QueueItems.DRAW_CHUNK;
    List<Map<String, AttributeValue>> keys = Stream.iterate(firstChunk, c -> c <= lastChunk, c -> c + 1)
        .map(chunk -> QueueItems.drawnTokensKey(concertId, drawId, chunk)).toList();
    Map<String, Map<String, AttributeValue>> items = table.batchGet(keys);
    for (long chunk = firstChunk; chunk <= lastChunk; chunk++) {
      Map<String, AttributeValue> item = items.get(Table.keyString(QueueItems.drawnTokensKey(concertId, drawId, chunk)));
      List<AttributeValue> secrets = item == null ? List.of() : item.get("tokens").l();
      for (int i = 0; i < secrets.size(); i++) {
        long position = chunk * QueueItems.DRAW_CHUNK + i + 1;
        if (position > fromExclusive && position <= toInclusive) {
          tokens.add(new QueueTokenId(concertId, secrets.get(i).s()));
        }
      }
    }
    return tokens;
  }
}
