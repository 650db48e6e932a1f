package dev.ticketing.queue.dynamo;

import dev.ticketing.domain.Instants;
import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.config.Settings;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.queue.placement.PlacementStore;
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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Placement in DynamoDB (docs/data-model.md, "Queue"): the counters of arrivals read with
 * consistent BatchGetItems (K keys a second, side by side); one transaction of the seconds'
 * ranges and the counters' update. The draw reads the pre-queue's index partitions whole, in the
 * draw's order, and writes its receipts in chunks of 1,000: nothing per token.
 */
@Singleton
final class DynamoPlacementStore implements PlacementStore {
  private static final int KEYS_PER_READ = 100;
  /** Up to this many seconds, counters are read by key; a longer stretch by one Query per shard. */
  private static final int SECONDS_READ_BY_KEY = 8;

  private final Table table;
  private final FanOut fanOut;
  private final Clock clock;
  private final int shards;
  /** The instance's own source (InstanceRandom), as a join's: which counter numbers a late pre-queue token. */
  private final RandomGenerator random;

  @Inject
  DynamoPlacementStore(Table table, FanOut fanOut, Clock clock, StoragePriming priming, Settings settings,
      RandomGenerator random) {
    this.table = table;
    this.random = random;
    this.fanOut = fanOut;
    this.clock = clock;
    this.shards = settings.queueJoinShards();
    // Counters, the counters of arrivals, the ranges, the draw.
    priming.getItem(QueueItems.QUEUE_PREFIX);
    priming.batchGetItem(QueueItems.NUMBER_PREFIX);
    priming.batchGetItem(QueueItems.PRE_COUNT_PREFIX);
    priming.refusedTransaction(QueueItems.QUEUE_PREFIX);
    priming.refusedUpdate(QueueItems.TOKEN_PREFIX);
    priming.refusedUpdate(QueueItems.QUEUE_PREFIX);
  }

  @Override
  public QueueCounters counters(String concertId) {
    return QueueItems.readCounters(table, concertId);
  }

  @Override
  public SortedMap<Long, long[]> arrivalCounts(String concertId, long fromBucket, long toBucket, int shardCount) {
    List<Map<String, AttributeValue>> counters;
    if (toBucket - fromBucket + 1 <= SECONDS_READ_BY_KEY) {
      // The usual round: a second or two, K keys each, 100 to a request.
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (long bucket = fromBucket; bucket <= toBucket; bucket++) {
        for (int shard = 0; shard < shardCount; shard++) {
          keys.add(QueueItems.numberKey(concertId, shard, bucket));
        }
      }
      List<List<Map<String, AttributeValue>>> reads = new ArrayList<>();
      for (int start = 0; start < keys.size(); start += KEYS_PER_READ) {
        reads.add(keys.subList(start, Math.min(keys.size(), start + KEYS_PER_READ)));
      }
      counters = fanOut.map(reads, read -> table.batchGet(read, true)).stream()
          .flatMap(found -> found.values().stream()).toList();
    } else {
      // A long stretch (the first round of a sale, a round after an outage): one Query per shard
      // finds the seconds that had arrivals, however many seconds passed.
      counters = fanOut.map(IntStream.range(0, shardCount).boxed().toList(), shard -> table.queryAll(query -> query
              .consistentRead(true)
              .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
              .expressionAttributeValues(Map.of(":pk", s(QueueItems.numberPk(concertId, shard)),
                  ":from", s(QueueItems.second10(fromBucket)), ":to", s(QueueItems.second10(toBucket))))))
          .stream().flatMap(List::stream).toList();
    }
    SortedMap<Long, long[]> counts = new TreeMap<>();
    for (Map<String, AttributeValue> counter : counters) {
      String pk = Items.string(counter, "pk");
      int shard = Integer.parseInt(pk.substring(pk.lastIndexOf('#') + 1));
      long bucket = Long.parseLong(Items.string(counter, "sk"));
      if (shard < shardCount) {
        counts.computeIfAbsent(bucket, b -> new long[shardCount])[shard] = Items.number(counter, "n");
      }
    }
    return counts;
  }

  @Override
  public boolean recordRanges(String concertId, long rangedFrom, long rangedTo, long placedFrom, List<ArrivalRange> ranges,
      SortedMap<Long, QueueCounters.OpenSecond> open) {
    Instant now = Instants.now(clock);
    List<TransactWriteItem> writes = new ArrayList<>();
    for (ArrivalRange range : ranges) {
      // Under its second and part for polls, and under its base for admission.
      writes.add(TransactWriteItem.builder().put(p -> p.tableName(table.name())
          .item(QueueItems.rangeItem(QueueItems.rangeKey(concertId, range.bucket(), range.part()), range, now))
          .conditionExpression("attribute_not_exists(pk)")).build());
      writes.add(TransactWriteItem.builder().put(p -> p.tableName(table.name())
          .item(QueueItems.rangeItem(QueueItems.placesKey(concertId, range.base()), range, now))
          .conditionExpression("attribute_not_exists(pk)")).build());
    }
    long placedTo = ranges.isEmpty() ? placedFrom : ranges.get(ranges.size() - 1).last();
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", n(rangedFrom), ":to", n(rangedTo),
        ":placedFrom", n(placedFrom), ":placedTo", n(placedTo)));
    String openSeconds;
    if (open.isEmpty()) {
      openSeconds = " REMOVE #open";
    } else {
      openSeconds = ", #open = :open";
      values.put(":open", QueueItems.openItem(open));
    }
    writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
        .key(QueueItems.counterKey(concertId))
        .updateExpression("SET rangedThrough = :to, placedThrough = :placedTo" + openSeconds)
        .conditionExpression("rangedThrough = :from AND placedThrough = :placedFrom")
        .expressionAttributeNames(Map.of("#open", "open"))
        .expressionAttributeValues(values)
        .build()).build());
    return table.transact(writes).committed();
  }

  @Override
  public boolean renumber(QueueTokenId token, long bucket) {
    ArrivalNumber number = QueueItems.takeNumber(table, token.concertId(), random.nextInt(shards), bucket, Optional.empty());
    return table.update(update -> update.key(QueueItems.tokenKey(token))
        .updateExpression("SET #bucket = :bucket, #shard = :shard, #number = :number, gsi2pk = :arrival, gsi2sk = :order"
            + " REMOVE gsi1pk, gsi1sk")
        .conditionExpression("secret = :secret AND #status = :waiting AND attribute_not_exists(place)"
            + " AND attribute_not_exists(#number)")
        .expressionAttributeNames(Map.of("#bucket", "bucket", "#shard", "shard", "#number", "number", "#status", "status"))
        .expressionAttributeValues(Map.of(":bucket", n(number.bucket()), ":shard", n(number.shard()),
            ":number", n(number.number()), ":waiting", s("WAITING"), ":secret", s(token.secret()),
            ":arrival", s(QueueItems.arrivalIndexPk(token.concertId(), number.bucket(), number.shard())),
            ":order", s(QueueItems.arrivalSk(number.number(), token.secret())))));
  }

  @Override
  public List<PreQueued> preQueue(String concertId, List<Integer> partitions) {
    // The partitions side by side, each read whole; concatenated in partition order, they are the draw's order.
    return fanOut.map(partitions, partition -> table.queryAll(query -> query
            .indexName("gsi1")
            .keyConditionExpression("gsi1pk = :partition")
            .expressionAttributeValues(Map.of(":partition", s(QueueItems.preQueueIndexPk(concertId, partition))))))
        .stream().flatMap(List::stream)
        .map(item -> new PreQueued(QueueItems.currentTokenId(item), Items.string(item, "receiptId"),
            Instant.ofEpochMilli(Items.number(item, "joinedAt")), QueueItems.hmacOf(item)))
        .toList();
  }

  @Override
  public PreQueueJoins preQueueJoins(String concertId) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    int subShards = QueueItems.preQueueSubShards(shards);
    for (int partition = 0; partition < QueueItems.PRE_QUEUE_PARTITIONS; partition++) {
      for (int sub = 0; sub < subShards; sub++) {
        keys.add(QueueItems.preQueueCountKey(concertId, partition, sub));
      }
    }
    List<List<Map<String, AttributeValue>>> reads = new ArrayList<>();
    for (int start = 0; start < keys.size(); start += KEYS_PER_READ) {
      reads.add(keys.subList(start, Math.min(keys.size(), start + KEYS_PER_READ)));
    }
    long[] joined = new long[QueueItems.PRE_QUEUE_PARTITIONS];
    long[] placedLate = new long[QueueItems.PRE_QUEUE_PARTITIONS];
    fanOut.map(reads, read -> table.batchGet(read, true)).forEach(found -> found.values().forEach(counter -> {
      int partition = QueueItems.preQueueCountOf(counter)[0];
      joined[partition] += counter.containsKey("n") ? Items.number(counter, "n") : 0;
      placedLate[partition] += counter.containsKey("late") ? Items.number(counter, "late") : 0;
    }));
    return new PreQueueJoins(java.util.Arrays.stream(joined).boxed().toList(), java.util.Arrays.stream(placedLate).boxed().toList());
  }

  @Override
  public void recordPlacedLate(String concertId, int partition, long count) {
    // On the partition's first counter, which is read with the others.
    table.update(update -> update.key(QueueItems.preQueueCountKey(concertId, partition, 0))
        .updateExpression("ADD late :count")
        .expressionAttributeValues(Map.of(":count", n(count))));
  }

  @Override
  public void recordPreQueueBase(String concertId, Instant closedBefore, long joins) {
    table.update(update -> update.key(QueueItems.counterKey(concertId))
        .updateExpression("SET preQueueBase = :joins, preQueueBaseFor = :close")
        .conditionExpression("attribute_not_exists(preQueueBaseFor) OR preQueueBaseFor <> :close")
        .expressionAttributeValues(Map.of(":joins", n(joins), ":close", n(closedBefore.toEpochMilli()))));
  }

  @Override
  public void recordPreQueued(String concertId, long count) {
    table.update(update -> update.key(QueueItems.counterKey(concertId))
        .updateExpression("SET preQueued = :count ADD preQueueCounts :one")
        .conditionExpression("attribute_not_exists(preQueued) OR preQueued <> :count")
        .expressionAttributeValues(Map.of(":count", n(count), ":one", n(1))));
  }

  @Override
  public void writeDraw(String concertId, String drawId, List<String> receipts) {
    List<Integer> chunks = IntStream.range(0, (receipts.size() + QueueItems.DRAW_CHUNK - 1) / QueueItems.DRAW_CHUNK).boxed().toList();
    fanOut.map(chunks, chunk -> {
      List<String> part = receipts.subList(chunk * QueueItems.DRAW_CHUNK, Math.min(receipts.size(), (chunk + 1) * QueueItems.DRAW_CHUNK));
      Map<String, AttributeValue> order = new HashMap<>(QueueItems.drawKey(concertId, drawId, chunk));
      order.put("receipts", s(String.join(" ", part)));
      table.put(put -> put.item(order));
      return null;
    });
  }

  @Override
  public List<String> drawReceipts(String concertId, String drawId, long count) {
    List<Long> chunks = java.util.stream.LongStream.range(0, (count + QueueItems.DRAW_CHUNK - 1) / QueueItems.DRAW_CHUNK).boxed().toList();
    List<List<Long>> reads = new ArrayList<>();
    for (int start = 0; start < chunks.size(); start += KEYS_PER_READ) {
      reads.add(chunks.subList(start, Math.min(chunks.size(), start + KEYS_PER_READ)));
    }
    Map<Long, List<String>> found = new HashMap<>();
    fanOut.map(reads, read -> table.batchGet(read.stream().map(chunk -> QueueItems.drawKey(concertId, drawId, chunk)).toList(), true))
        .forEach(items -> items.values().forEach(item -> found.put(
            Long.parseLong(Items.string(item, "sk").substring(drawId.length() + 1)), QueueItems.receiptsOf(item))));
    List<String> receipts = new ArrayList<>();
    chunks.forEach(chunk -> receipts.addAll(found.getOrDefault(chunk, List.of())));
    return receipts;
  }

  @Override
  public boolean freezeDraw(String concertId, long count, String drawId, String firsts, long rangedThrough, long head,
      List<Long> settledByPartition) {
    // Nothing is placed before the draw: its places are the first. Nobody is admitted before it
    // but its head, which this draw must start with.
    String admitted = head == 0 ? "(attribute_not_exists(admitted) OR admitted = :zero)" : "admitted = :head";
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":count", n(count), ":drawId", s(drawId), ":firsts", s(firsts),
        ":ranged", n(rangedThrough), ":zero", n(0)));
    if (head > 0) {
      values.put(":head", n(head));
    }
    // By partition, in the same update: what the late look compares with the pre-queue's counters.
    String settled = settledByPartition.isEmpty() ? "" : ", drawnBy = :drawnBy";
    if (!settledByPartition.isEmpty()) {
      values.put(":drawnBy", AttributeValue.fromL(settledByPartition.stream().map(Items::n).toList()));
    }
    return table.update(update -> update.key(QueueItems.counterKey(concertId))
        .updateExpression("SET drawnCount = :count, drawId = :drawId, drawFirsts = :firsts, placedThrough = :count,"
            + " rangedThrough = :ranged, admitted = if_not_exists(admitted, :zero),"
            + " ended = if_not_exists(ended, :zero), activatedThrough = if_not_exists(activatedThrough, :zero)" + settled)
        .conditionExpression("attribute_not_exists(drawnCount) AND (attribute_not_exists(placedThrough) OR placedThrough = :zero)"
            + " AND " + admitted)
        .expressionAttributeValues(values));
  }

  @Override
  public List<String> drawHead(String concertId) {
    return table.get(QueueItems.drawHeadKey(concertId), true).map(QueueItems::receiptsOf).orElse(List.of());
  }
}
