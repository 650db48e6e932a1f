package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.queue.AdmissionStore;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Admission in DynamoDB: the concert's counters move only by compare-and-set, tokens are
 * activated one conditional update each, and the index of admitted sessions lists who may
 * hold a slot.
 */
@Singleton
final class DynamoAdmissionStore implements AdmissionStore {
  private final Table table;

  @Inject
  DynamoAdmissionStore(Table table, StoragePriming priming) {
    this.table = table;
    // Counters, sessions, ends, the cursor, slots, activations.
    priming.getItem(QueueItems.QUEUE_PREFIX);
    priming.queryIndex(QueueItems.ADMITTED_PREFIX);
    priming.refusedTransaction(QueueItems.TOKEN_PREFIX);
    priming.refusedUpdate(QueueItems.QUEUE_PREFIX);
    priming.batchGetItem(QueueItems.QUEUE_PREFIX);
    priming.refusedUpdate(QueueItems.TOKEN_PREFIX);
  }

  @Override
  public QueueCounters counters(String concertId) {
    return QueueItems.readCounters(table, concertId);
  }

  @Override
  public List<QueueToken> admittedSessions(String concertId) {
    return table.queryAll(query -> query.indexName("gsi1")
            .keyConditionExpression("gsi1pk = :admitted")
            .expressionAttributeValues(Map.of(":admitted", s(QueueItems.admittedIndexPk(concertId)))))
        .stream()
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
                ":admitted", s(QueueItems.admittedIndexPk(token.concertId()))))
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
  public List<Slot> slots(String concertId, long fromExclusive, long toInclusive) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (long sequence = fromExclusive + 1; sequence <= toInclusive; sequence++) {
      keys.add(QueueItems.slotKey(concertId, sequence));
    }
    Map<String, Map<String, AttributeValue>> items = table.batchGet(keys);
    List<Slot> slots = new ArrayList<>(keys.size());
    for (Map<String, AttributeValue> key : keys) {
      Map<String, AttributeValue> item = items.get(Table.keyString(key));
      if (item == null) {
        slots.add(new Slot.Empty());
      } else if (item.containsKey("abandoned")) {
        slots.add(new Slot.Abandoned());
      } else {
        slots.add(QueueTokenId.parse(Items.string(item, "token")).<Slot>map(Slot.Token::new).orElse(new Slot.Abandoned()));
      }
    }
    return slots;
  }

  @Override
  public boolean claimAbandoned(String concertId, long sequence) {
    return QueueItems.claimAbandoned(table, concertId, sequence);
  }

  @Override
  public Activation activate(QueueTokenId id, long sequence, Instant now, Instant activeUntil) {
    boolean activated = table.update(r -> r.key(QueueItems.tokenKey(id))
        .updateExpression("SET #status = :active, activatedAt = :now, activeUntil = :until, gsi1pk = :index, gsi1sk = :order")
        .conditionExpression("#status = :waiting")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":active", s("ACTIVE"), ":waiting", s("WAITING"),
            ":now", n(now.toEpochMilli()), ":until", n(activeUntil.toEpochMilli()),
            ":index", s(QueueItems.admittedIndexPk(id.concertId())),
            ":order", s(QueueItems.admittedIndexSk(sequence)))));
    if (activated) {
      return Activation.ACTIVATED;
    }
    return QueueItems.readToken(table, id).isPresent() ? Activation.ALREADY_ADMITTED : Activation.TOKEN_GONE;
  }

  @Override
  public boolean completeActivation(String concertId, long from, long to, long abandoned) {
    return table.update(r -> r.key(QueueItems.counterKey(concertId))
        .updateExpression("SET activatedThrough = :to ADD ended :abandoned")
        .conditionExpression("activatedThrough = :from")
        .expressionAttributeValues(Map.of(":from", n(from), ":to", n(to), ":abandoned", n(abandoned))));
  }
}
