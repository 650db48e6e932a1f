package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.queue.admission.AdmissionStore;
import dev.ticketing.sale.SaleState;
import dev.ticketing.config.Settings;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.sale.draw.DrawSeeds;
import dev.ticketing.queue.placement.PlacementStore;
import dev.ticketing.sale.draw.DrawSeed;
import dev.ticketing.sale.draw.Draw;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.FanOut;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Admission in DynamoDB: the concert's counters move only by compare-and-set; the tokens of the
 * admitted places are found in the draw's chunks or, for arrivals, through their second's range
 * and gsi2's entries by number (one Query per shard and second), and activated one conditional
 * update each, side by side; the index of admitted sessions lists who may hold a slot.
 */
@Singleton
final class DynamoAdmissionStore implements AdmissionStore {
  /** Ranges read per page: admission usually needs the first few. */
  private static final int RANGES_PER_READ = 20;
  /**
   * Bytes of parts a replica of the shared state carries at most: some six parts of K = 400 shards
   * in a rush (a few bits a shard), so a replica stays under 2 KB (under 3 KB with the draw's index
   * of a 100,000 draw), and the replicas stay well under the 4 KB a poll's read is priced by.
   */
  static final int CARRIED_PART_BYTES = 1_700;
  /** Parts the publishing round looks at, newest first: more than fit in {@link #CARRIED_PART_BYTES}. */
  private static final int PARTS_LOOKED_AT = 12;

  private final Table table;
  private final FanOut fanOut;
  private final int replicas;
  private final DrawSeeds seeds;

  @Inject
  DynamoAdmissionStore(Table table, FanOut fanOut, StoragePriming priming, Settings settings, DrawSeeds seeds) {
    this.table = table;
    this.fanOut = fanOut;
    this.seeds = seeds;
    this.replicas = settings.queueStateReplicas();
    // Counters, sessions, ends, the cursor, the batches, activations.
    priming.getItem(QueueItems.QUEUE_PREFIX);
    priming.queryIndex(QueueItems.ADMITTED_PREFIX);
    priming.refusedTransaction(QueueItems.TOKEN_PREFIX);
    priming.refusedUpdate(QueueItems.QUEUE_PREFIX);
    priming.query(QueueItems.PLACES_PREFIX);
    priming.query(QueueItems.RANGE_PREFIX);
    priming.queryIndex("gsi2", QueueItems.ARRIVAL_PREFIX);
    priming.refusedUpdate(QueueItems.TOKEN_PREFIX);
    priming.getItem(QueueItems.TOKEN_PREFIX);
  }

  @Override
  public QueueCounters counters(String concertId) {
    return QueueItems.readCounters(table, concertId);
  }

  @Override
  public List<QueueToken> admittedSessions(String concertId) {
    return fanOut.map(IntStream.range(0, QueueItems.ADMITTED_SHARDS).boxed().toList(), shard -> table.queryAll(query -> query
            .indexName("gsi1")
            .keyConditionExpression("gsi1pk = :admitted")
            .expressionAttributeValues(Map.of(":admitted", s(QueueItems.admittedIndexPk(concertId, shard))))))
        .stream()
        .flatMap(List::stream)
        .map(item -> QueueItems.tokenOf(QueueItems.currentTokenId(item), item))
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public boolean endSession(QueueToken token, Instant now) {
    return table.transact(List.of(
        TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(QueueItems.tokenKey(token.token()))
            .updateExpression("SET #status = :expired, #ttl = :ttl REMOVE gsi1pk, gsi1sk")
            .conditionExpression("gsi1pk = :admitted AND secret = :secret")
            .expressionAttributeNames(Map.of("#status", "status", "#ttl", "ttl"))
            .expressionAttributeValues(Map.of(":expired", s("EXPIRED"), ":secret", s(token.token().secret()),
                ":ttl", n(now.plus(QueueItems.KEEP_ENDED).getEpochSecond()),
                ":admitted", s(QueueItems.admittedIndexPk(token.concertId(), token.place().orElseThrow()))))
            .build()).build(),
        TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(QueueItems.counterKey(token.concertId()))
            .updateExpression("ADD ended :one")
            .expressionAttributeValues(Map.of(":one", n(1)))
            .build()).build())).committed();
  }

  @Override
  public List<Placed> placed(QueueCounters counters, long fromExclusive, long toInclusive) {
    String concertId = counters.concertId();
    List<Placed> placed = new ArrayList<>();
    long drawn = counters.drawnCount().orElse(0L);
    if (fromExclusive < drawn) {
      placed.addAll(drawnPlaces(concertId, counters.drawId().orElseThrow(), fromExclusive, Math.min(drawn, toInclusive)));
    }
    if (toInclusive > drawn) {
      long from = Math.max(fromExclusive, drawn);
      List<ArrivalNumber> wanted = new ArrayList<>();
      Map<ArrivalNumber, Long> places = new HashMap<>();
      Map<ArrivalNumber, Long> bases = new HashMap<>();
      for (ArrivalRange range : rangesFrom(concertId, counters.admissionBase(), from, toInclusive)) {
        for (int shard = 0; shard < range.shards(); shard++) {
          Optional<long[]> numbers = range.numbersOf(shard, from, toInclusive);
          if (numbers.isPresent()) {
            for (long number = numbers.get()[0]; number <= numbers.get()[1]; number++) {
              ArrivalNumber arrival = new ArrivalNumber(range.bucket(), shard, number);
              wanted.add(arrival);
              places.put(arrival, range.placeOf(shard, number).orElseThrow());
              bases.put(arrival, range.base());
            }
          }
        }
      }
      Map<ArrivalNumber, QueueTokenId> tokens = tokensOf(concertId, wanted);
      for (ArrivalNumber number : wanted) {
        placed.add(new Placed(places.get(number), Optional.ofNullable(tokens.get(number)), Optional.of(number),
            bases.get(number)));
      }
    }
    placed.sort(Comparator.comparingLong(Placed::place));
    return placed;
  }

  /**
   * The drawn places {@code (fromExclusive, toInclusive]} with their tokens: their receipts from
   * the draw's chunks, then the tokens from the pre-queue's index, which lists them in the draw's
   * order, so those places are one stretch of it (a Query per partition it spans, usually one).
   * Entries in that stretch that are not the draw's (a close ended them, or they came late) are
   * left out. A token admitted already (a repeated activation) left the pre-queue's index for the
   * admitted sessions' one, where its place finds it.
   */
  private List<Placed> drawnPlaces(String concertId, String drawId, long fromExclusive, long toInclusive) {
    List<String> receipts = new ArrayList<>();
    long firstChunk = fromExclusive / QueueItems.DRAW_CHUNK;
    long lastChunk = (toInclusive - 1) / QueueItems.DRAW_CHUNK;
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (long chunk = firstChunk; chunk <= lastChunk; chunk++) {
      keys.add(QueueItems.drawKey(concertId, drawId, chunk));
    }
    Map<String, Map<String, AttributeValue>> chunks = table.batchGet(keys, true);
    for (long chunk = firstChunk; chunk <= lastChunk; chunk++) {
      List<String> inChunk = Optional.ofNullable(chunks.get(Table.keyString(QueueItems.drawKey(concertId, drawId, chunk))))
          .map(QueueItems::receiptsOf).orElse(List.of());
      for (int i = 0; i < inChunk.size(); i++) {
        long position = chunk * QueueItems.DRAW_CHUNK + i + 1;
        if (position > fromExclusive && position <= toInclusive) {
          receipts.add(inChunk.get(i));
        }
      }
    }
    if (receipts.isEmpty()) {
      return List.of();
    }
    DrawSeed seed = seeds.seed(concertId).orElseThrow(() -> new IllegalStateException("a draw without its seed"));
    Draw.Hasher hasher = Draw.hasher(seed);
    String from = QueueItems.preQueueSk(hasher.hmac(receipts.get(0)), receipts.get(0));
    String to = QueueItems.preQueueSk(hasher.hmac(receipts.get(receipts.size() - 1)), receipts.get(receipts.size() - 1));
    int firstPartition = QueueItems.preQueuePartition(from);
    int lastPartition = QueueItems.preQueuePartition(to);
    List<Integer> partitions = java.util.stream.IntStream.rangeClosed(firstPartition, lastPartition).boxed().toList();
    Map<String, QueueTokenId> byReceipt = new HashMap<>();
    fanOut.map(partitions, partition -> {
      Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(QueueItems.preQueueIndexPk(concertId, partition))));
      StringBuilder condition = new StringBuilder("gsi1pk = :pk");
      if (partition == firstPartition && partition == lastPartition) {
        condition.append(" AND gsi1sk BETWEEN :from AND :to");
      } else if (partition == firstPartition) {
        condition.append(" AND gsi1sk >= :from");
      } else if (partition == lastPartition) {
        condition.append(" AND gsi1sk <= :to");
      }
      if (partition == firstPartition) {
        values.put(":from", s(from));
      }
      if (partition == lastPartition) {
        values.put(":to", s(to));
      }
      return table.queryAll(query -> query.indexName("gsi1").keyConditionExpression(condition.toString())
          .expressionAttributeValues(values));
    }).forEach(items -> items.forEach(item -> byReceipt.put(Items.string(item, "receiptId"), QueueItems.currentTokenId(item))));
    List<Placed> placed = new ArrayList<>();
    for (int i = 0; i < receipts.size(); i++) {
      long place = fromExclusive + 1 + i;
      Optional<QueueTokenId> token = Optional.ofNullable(byReceipt.get(receipts.get(i))).or(() -> admittedAt(concertId, place));
      placed.add(new Placed(place, token, Optional.empty(), 0));
    }
    return placed;
  }

  /** The token admitted to {@code place}, from the admitted sessions' index (a repeated activation only). */
  private Optional<QueueTokenId> admittedAt(String concertId, long place) {
    return table.query(query -> query.indexName("gsi1")
            .keyConditionExpression("gsi1pk = :pk AND gsi1sk = :place")
            .expressionAttributeValues(Map.of(":pk", s(QueueItems.admittedIndexPk(concertId, place)),
                ":place", s(QueueItems.place12(place)))))
        .items().stream().findFirst().map(QueueItems::currentTokenId);
  }

  /** The ranges holding places {@code (fromExclusive, toInclusive]}, in place order, read consistently from the one based at {@code base}. */
  private List<ArrivalRange> rangesFrom(String concertId, long base, long fromExclusive, long toInclusive) {
    List<ArrivalRange> ranges = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> exclusiveStart = start;
      QueryResponse page = table.query(query -> query.consistentRead(true)
          .keyConditionExpression("pk = :pk AND sk >= :from")
          .expressionAttributeValues(Map.of(":pk", s(QueueItems.placesPk(concertId)), ":from", s(QueueItems.place12(base))))
          .exclusiveStartKey(exclusiveStart)
          .limit(RANGES_PER_READ));
      for (Map<String, AttributeValue> item : page.items()) {
        ArrivalRange range = QueueItems.rangeOf(item);
        if (range.base() >= toInclusive) {
          return ranges;
        }
        if (range.last() > fromExclusive) {
          ranges.add(range);
        }
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return ranges;
  }

  /** The tokens stored under {@code numbers}, from gsi2: one Query per shard and second, side by side. */
  private Map<ArrivalNumber, QueueTokenId> tokensOf(String concertId, List<ArrivalNumber> numbers) {
    Map<String, long[]> spans = new LinkedHashMap<>();
    Map<String, ArrivalNumber> partitions = new HashMap<>();
    for (ArrivalNumber number : numbers) {
      String pk = QueueItems.arrivalIndexPk(concertId, number.bucket(), number.shard());
      partitions.putIfAbsent(pk, number);
      spans.merge(pk, new long[] {number.number(), number.number()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    Map<ArrivalNumber, QueueTokenId> tokens = new HashMap<>();
    List<Map.Entry<String, long[]>> queries = List.copyOf(spans.entrySet());
    List<List<Map<String, AttributeValue>>> found = fanOut.map(queries, span -> table.queryAll(query -> query
        .indexName("gsi2")
        .keyConditionExpression("gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to")
        .expressionAttributeValues(Map.of(":pk", s(span.getKey()), ":from", s(QueueItems.number9(span.getValue()[0])),
            ":to", s(QueueItems.arrivalSkThrough(span.getValue()[1]))))));
    for (int i = 0; i < queries.size(); i++) {
      ArrivalNumber any = partitions.get(queries.get(i).getKey());
      for (Map<String, AttributeValue> entry : found.get(i)) {
        String sk = Items.string(entry, "gsi2sk");
        tokens.put(new ArrivalNumber(any.bucket(), any.shard(), QueueItems.numberOfArrivalSk(sk)),
            QueueItems.tokenIdOf(Items.string(entry, "pk"), QueueItems.secretOfArrivalSk(sk)));
      }
    }
    return tokens;
  }

  @Override
  public boolean advanceAdmission(String concertId, long from, long to, long rangeBase, Instant now,
      Optional<Double> admissionsPerSecond, boolean usersStillWaiting) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", n(from), ":to", n(to), ":base", n(rangeBase)));
    StringBuilder set = new StringBuilder("SET admitted = :to, admissionBase = :base");
    admissionsPerSecond.ifPresent(rate -> {
      set.append(", admissionsPerSecond = :rate");
      values.put(":rate", AttributeValue.fromN(Double.toString(rate)));
    });
    String expression;
    if (usersStillWaiting) {
      set.append(", lastAdmissionAt = :now");
      values.put(":now", n(now.toEpochMilli()));
      expression = set.toString();
    } else {
      expression = set + " REMOVE lastAdmissionAt";
    }
    return table.update(r -> r.key(QueueItems.counterKey(concertId))
        .updateExpression(expression)
        .conditionExpression("admitted = :from")
        .expressionAttributeValues(values));
  }

  @Override
  public long activate(List<Placed> placed, Instant now, Instant activeUntil, Optional<Instant> closedBefore) {
    List<Placed> withTokens = placed.stream().filter(p -> p.token().isPresent()).toList();
    long activated = fanOut.map(withTokens,
            p -> activate(p.token().orElseThrow(), p.place(), now, activeUntil, closedBefore))
        .stream().filter(Boolean::booleanValue).count();
    return placed.size() - activated;
  }

  /** True if the token of {@code place} is ACTIVE now (by this call or an earlier attempt of it). */
  private boolean activate(QueueTokenId id, long place, Instant now, Instant activeUntil, Optional<Instant> closedBefore) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":active", s("ACTIVE"), ":waiting", s("WAITING"),
        ":now", n(now.toEpochMilli()), ":until", n(activeUntil.toEpochMilli()), ":place", n(place),
        ":index", s(QueueItems.admittedIndexPk(id.concertId(), place)),
        ":order", s(QueueItems.place12(place)), ":secret", s(id.secret())));
    // A token that joined before the sale's last close is CLOSED for good, even after a reopen.
    String notClosed = closedBefore.map(at -> {
      values.put(":closedBefore", n(at.toEpochMilli()));
      return " AND joinedAt >= :closedBefore";
    }).orElse("");
    boolean activated = table.update(r -> r.key(QueueItems.tokenKey(id))
        .updateExpression("SET #status = :active, place = :place, activatedAt = :now, activeUntil = :until,"
            + " gsi1pk = :index, gsi1sk = :order")
        .conditionExpression("secret = :secret AND #status = :waiting AND (attribute_not_exists(place) OR place = :place)"
            + notClosed)
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(values));
    if (activated) {
      return true;
    }
    // Admitted already for this place (a repeated round), or gone / never placed here: a free slot.
    return QueueItems.readToken(table, id)
        .filter(token -> token.status() != QueueToken.StoredStatus.WAITING && token.place().equals(Optional.of(place))
            && token.activatedAt().isPresent())
        .isPresent();
  }

  @Override
  public void publish(QueueState state) {
    QueueState carrying = state.rangedThrough()
        .map(ranged -> state.withRecentParts(recentParts(state.concertId(), ranged)))
        .orElse(state);
    fanOut.map(IntStream.range(0, replicas).boxed().toList(), replica -> table.put(put -> put
        .item(QueueItems.stateItem(carrying, replica))
        .conditionExpression("attribute_not_exists(version) OR version < :version")
        .expressionAttributeValues(Map.of(":version", n(state.version())))));
  }

  /**
   * The parts of the newest seconds up to {@code rangedThrough}, whole seconds only, oldest first,
   * as many as fit in {@link #CARRIED_PART_BYTES}: one consistent Query, newest first, so every part
   * the counters just read name is in it (parts never change, and are written before the counters
   * that name them).
   */
  private List<ArrivalRange> recentParts(String concertId, long rangedThrough) {
    List<Map<String, AttributeValue>> newest = table.query(query -> query.consistentRead(true)
        .keyConditionExpression("pk = :pk AND sk <= :last")
        .expressionAttributeValues(Map.of(":pk", s(QueueItems.rangePk(concertId)),
            ":last", s(QueueItems.second10(rangedThrough) + "#999")))
        .scanIndexForward(false)
        .limit(PARTS_LOOKED_AT)).items();
    List<ArrivalRange> carried = new ArrayList<>();
    List<ArrivalRange> second = new ArrayList<>();
    for (Map<String, AttributeValue> item : newest) {
      ArrivalRange range = QueueItems.rangeOf(item);
      if (!second.isEmpty() && second.get(0).bucket() != range.bucket()) {
        break;  // a second's parts before its part 0: the page cut it, or a part is missing
      }
      second.add(0, range);
      if (range.part() == 0) {
        // A whole second (parts come newest first: its part 0 last): kept if it still fits.
        List<ArrivalRange> more = new ArrayList<>(second);
        more.addAll(carried);
        if (!contiguous(second) || RangeCodec.encodeAll(more).length > CARRIED_PART_BYTES) {
          break;
        }
        carried = more;
        second = new ArrayList<>();
      }
    }
    return carried;
  }

  private static boolean contiguous(List<ArrivalRange> parts) {
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).part() != i) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<PlacementStore.PreQueued> preQueueHead(String concertId, long limit, Optional<Instant> closedBefore) {
    List<PlacementStore.PreQueued> head = new ArrayList<>();
    for (int partition = 0; partition < QueueItems.PRE_QUEUE_PARTITIONS && head.size() < limit; partition++) {
      String pk = QueueItems.preQueueIndexPk(concertId, partition);
      Map<String, AttributeValue> start = null;
      do {
        Map<String, AttributeValue> from = start;
        int wanted = (int) Math.min(Integer.MAX_VALUE, limit - head.size());
        // From "0": entries without an hmac ("#<receipt>", never drawn) sort ahead of every hmac.
        QueryResponse page = table.query(query -> query.indexName("gsi1")
            .keyConditionExpression("gsi1pk = :pk AND gsi1sk >= :hex")
            .expressionAttributeValues(Map.of(":pk", s(pk), ":hex", s("0")))
            .exclusiveStartKey(from)
            .limit(wanted));
        for (Map<String, AttributeValue> item : page.items()) {
          Instant joinedAt = Instant.ofEpochMilli(Items.number(item, "joinedAt"));
          String hmac = QueueItems.hmacOf(item);
          if (head.size() < limit && !hmac.isEmpty() && closedBefore.filter(joinedAt::isBefore).isEmpty()) {
            head.add(new PlacementStore.PreQueued(QueueItems.currentTokenId(item), Items.string(item, "receiptId"), joinedAt,
                hmac));
          }
        }
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null && head.size() < limit);
    }
    return head;
  }

  @Override
  public boolean admitDrawHead(String concertId, List<String> receipts, Instant now) {
    Map<String, AttributeValue> head = new HashMap<>(QueueItems.drawHeadKey(concertId));
    head.put("receipts", s(String.join(" ", receipts)));
    head.put("ttl", n(now.plus(QueueItems.KEEP_PRE_QUEUED).getEpochSecond()));
    return table.transact(List.of(
        TransactWriteItem.builder().put(put -> put.tableName(table.name()).item(head)
            .conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(QueueItems.counterKey(concertId))
            .updateExpression("SET admitted = :count, admissionBase = :zero, lastAdmissionAt = :now,"
                + " ended = if_not_exists(ended, :zero), activatedThrough = if_not_exists(activatedThrough, :zero),"
                + " placedThrough = if_not_exists(placedThrough, :zero)")
            .conditionExpression("attribute_not_exists(drawnCount) AND (attribute_not_exists(admitted) OR admitted = :zero)")
            .expressionAttributeValues(Map.of(":count", n(receipts.size()), ":zero", n(0), ":now", n(now.toEpochMilli())))
            .build()).build())).committed();
  }

  @Override
  public Optional<QueueCounters> recordSaleState(String concertId, Optional<SaleState> from, SaleState to, Instant at) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.name()), ":one", n(1), ":zero", n(0)));
    StringBuilder set = new StringBuilder("SET saleState = :to, admitted = if_not_exists(admitted, :zero),"
        + " ended = if_not_exists(ended, :zero), activatedThrough = if_not_exists(activatedThrough, :zero),"
        + " placedThrough = if_not_exists(placedThrough, :zero)");
    if (to == SaleState.CLOSED) {
      set.append(", closedBefore = :at");
      values.put(":at", n(at.toEpochMilli()));
    }
    String condition;
    if (from.isPresent()) {
      condition = "saleState = :from";
      values.put(":from", s(from.get().name()));
    } else {
      condition = "attribute_not_exists(saleState)";
    }
    try {
      return Optional.of(QueueItems.countersOf(concertId, table.updateAndGet(r -> r.key(QueueItems.counterKey(concertId))
          .updateExpression(set + " ADD stateChanges :one")
          .conditionExpression(condition)
          .expressionAttributeValues(values))));
    } catch (ConditionalCheckFailedException anotherRunRecordedIt) {
      return Optional.empty();
    }
  }

  @Override
  public boolean skipPlaces(String concertId, long fromExclusive, long toInclusive) {
    return table.update(r -> r.key(QueueItems.counterKey(concertId))
        .updateExpression("SET admitted = :to, activatedThrough = :to ADD ended :skipped")
        .conditionExpression("admitted = :from AND activatedThrough = :from")
        .expressionAttributeValues(Map.of(":from", n(fromExclusive), ":to", n(toInclusive),
            ":skipped", n(toInclusive - fromExclusive))));
  }

  @Override
  public boolean completeActivation(String concertId, long from, long to, long abandoned) {
    return table.update(r -> r.key(QueueItems.counterKey(concertId))
        .updateExpression("SET activatedThrough = :to ADD ended :abandoned")
        .conditionExpression("activatedThrough = :from")
        .expressionAttributeValues(Map.of(":from", n(from), ":to", n(to), ":abandoned", n(abandoned))));
  }
}
