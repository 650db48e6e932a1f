package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.queue.AdmissionStore;
import dev.ticketing.catalog.SaleState;
import dev.ticketing.config.Settings;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueState;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.FanOut;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Admission in DynamoDB: the concert's counters move only by compare-and-set, the tokens of the
 * admitted places (from the batches of places) are activated one conditional update each, side by
 * side, and the index of admitted sessions lists who may hold a slot.
 */
@Singleton
final class DynamoAdmissionStore implements AdmissionStore {
  private final Table table;
  private final FanOut fanOut;
  private final int replicas;

  @Inject
  DynamoAdmissionStore(Table table, FanOut fanOut, StoragePriming priming, Settings settings) {
    this.table = table;
    this.fanOut = fanOut;
    this.replicas = settings.queueStateReplicas();
    // Counters, sessions, ends, the cursor, the batches, activations.
    priming.getItem(QueueItems.QUEUE_PREFIX);
    priming.queryIndex(QueueItems.ADMITTED_PREFIX);
    priming.refusedTransaction(QueueItems.TOKEN_PREFIX);
    priming.refusedUpdate(QueueItems.QUEUE_PREFIX);
    priming.query(QueueItems.BATCH_PREFIX);
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
        .map(item -> QueueTokenId.parse(Items.string(item, "token")).flatMap(id -> QueueItems.tokenOf(id, item)))
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public boolean endSession(QueueToken token, Instant now) {
    return table.transact(List.of(
        TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(QueueItems.tokenKey(token.token()))
            .updateExpression("SET #status = :expired, #ttl = :ttl REMOVE gsi1pk, gsi1sk")
            .conditionExpression("gsi1pk = :admitted")
            .expressionAttributeNames(Map.of("#status", "status", "#ttl", "ttl"))
            .expressionAttributeValues(Map.of(":expired", s("EXPIRED"),
                ":ttl", n(now.plus(QueueItems.KEEP_ENDED).getEpochSecond()),
                ":admitted", s(QueueItems.admittedIndexPk(token.concertId(), token.place().orElseThrow()))))
            .build()).build(),
        TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(QueueItems.counterKey(token.concertId()))
            .updateExpression("ADD ended :one")
            .expressionAttributeValues(Map.of(":one", n(1)))
            .build()).build())).committed();
  }

  @Override
  public boolean advanceAdmission(String concertId, long from, long to, Instant now, Optional<Double> admissionsPerSecond,
      boolean usersStillWaiting) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", n(from), ":to", n(to)));
    StringBuilder set = new StringBuilder("SET admitted = :to");
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
  public long activate(String concertId, long fromExclusive, long toInclusive, Instant now, Instant activeUntil,
      Optional<Instant> closedBefore) {
    Map<Long, QueueTokenId> tokens = PlaceBatches.tokens(table, concertId, fromExclusive, toInclusive);
    long admittable = fanOut.map(List.copyOf(tokens.entrySet()),
            placed -> activate(placed.getValue(), placed.getKey(), now, activeUntil, closedBefore))
        .stream().filter(Boolean::booleanValue).count();
    return (toInclusive - fromExclusive) - admittable;
  }

  /** True if the token of {@code place} is ACTIVE now (by this call or an earlier attempt of it). */
  private boolean activate(QueueTokenId id, long place, Instant now, Instant activeUntil, Optional<Instant> closedBefore) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":active", s("ACTIVE"), ":waiting", s("WAITING"),
        ":now", n(now.toEpochMilli()), ":until", n(activeUntil.toEpochMilli()), ":place", n(place),
        ":index", s(QueueItems.admittedIndexPk(id.concertId(), place)),
        ":order", s(QueueItems.place12(place))));
    // A token that joined before the sale's last close is CLOSED for good, even after a reopen.
    String notClosed = closedBefore.map(at -> {
      values.put(":closedBefore", n(at.toEpochMilli()));
      return " AND joinedAt >= :closedBefore";
    }).orElse("");
    boolean activated = table.update(r -> r.key(QueueItems.tokenKey(id))
        .updateExpression("SET #status = :active, activatedAt = :now, activeUntil = :until, gsi1pk = :index, gsi1sk = :order")
        .conditionExpression("#status = :waiting AND place = :place" + notClosed)
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
    fanOut.map(IntStream.range(0, replicas).boxed().toList(), replica -> table.put(put -> put
        .item(QueueItems.stateItem(state, replica))
        .conditionExpression("attribute_not_exists(version) OR version < :version")
        .expressionAttributeValues(Map.of(":version", n(state.version())))));
  }

  @Override
  public boolean recordSaleState(String concertId, Optional<SaleState> from, SaleState to, Instant at) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.name()), ":one", n(1), ":zero", n(0)));
    StringBuilder set = new StringBuilder("SET saleState = :to, admitted = if_not_exists(admitted, :zero),"
        + " ended = if_not_exists(ended, :zero), activatedThrough = if_not_exists(activatedThrough, :zero),"
        + " placedThrough = if_not_exists(placedThrough, :zero),"
        + " placesWrittenThrough = if_not_exists(placesWrittenThrough, :zero)");
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
    return table.update(r -> r.key(QueueItems.counterKey(concertId))
        .updateExpression(set + " ADD stateChanges :one")
        .conditionExpression(condition)
        .expressionAttributeValues(values));
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
