package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.dynamo.CatalogItems;
import dev.ticketing.queue.JoinStore;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import dev.ticketing.storage.UserPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Joining in DynamoDB: one BatchGetItem (the concert, the user's latest token), the sequence
 * counter's update, and one transaction of the token, its slot and the user's pointer to it.
 */
@Singleton
final class DynamoJoinStore implements JoinStore {
  private final Table table;

  @Inject
  DynamoJoinStore(Table table, StoragePriming priming) {
    this.table = table;
    // The concert and the latest token, the token, the counters, the sequence, the insert. The
    // refused transaction is an update, and the function may update only QUEUE# items (its
    // transaction only puts TOKEN# and USER# ones): the same SDK path, inside its policy.
    priming.batchGetItem(CatalogItems.CONCERT_PREFIX, UserPartition.PREFIX);
    priming.getItem(QueueItems.TOKEN_PREFIX);
    priming.getItem(QueueItems.QUEUE_PREFIX);
    priming.refusedUpdate(QueueItems.QUEUE_PREFIX);
    priming.refusedTransaction(QueueItems.QUEUE_PREFIX);
  }

  @Override
  public JoinContext joinContext(String userId, String concertId) {
    Map<String, AttributeValue> concertKey = CatalogItems.concertKey(concertId);
    Map<String, AttributeValue> latestKey = QueueItems.latestTokenKey(userId, concertId);
    Map<String, Map<String, AttributeValue>> items = table.batchGet(List.of(concertKey, latestKey));
    Optional<QueueToken> latest = Optional.ofNullable(items.get(Table.keyString(latestKey)))
        .flatMap(pointer -> QueueTokenId.parse(Items.string(pointer, "token")))
        .flatMap(id -> QueueItems.readToken(table, id));
    return new JoinContext(items.containsKey(Table.keyString(concertKey)), latest);
  }

  @Override
  public QueueCounters counters(String concertId) {
    return QueueItems.readCounters(table, concertId);
  }

  @Override
  public QueueCounters nextSequence(String concertId) {
    Map<String, AttributeValue> item = table.updateAndGet(r -> r.key(QueueItems.counterKey(concertId))
        .updateExpression("SET admitted = if_not_exists(admitted, :zero), ended = if_not_exists(ended, :zero),"
            + " activatedThrough = if_not_exists(activatedThrough, :zero)"
            + " ADD issued :one")
        .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1))));
    return QueueItems.countersOf(concertId, item);
  }

  @Override
  public InsertResult insert(QueueToken token, Optional<QueueTokenId> replacing) {
    String concertId = token.concertId();
    AttributeValue expires = n(token.issuedAt().plus(QueueItems.KEEP_UNADMITTED).getEpochSecond());
    Map<String, AttributeValue> tokenItem = new HashMap<>(QueueItems.tokenKey(token.token()));
    tokenItem.put("token", s(token.token().value()));
    tokenItem.put("userId", s(token.userId()));
    tokenItem.put("concertId", s(concertId));
    tokenItem.put("seq", n(token.sequence()));
    tokenItem.put("status", s(token.status().name()));
    tokenItem.put("issuedAt", n(token.issuedAt().toEpochMilli()));
    tokenItem.put("ttl", expires);

    Map<String, AttributeValue> slotItem = new HashMap<>(QueueItems.slotKey(concertId, token.sequence()));
    slotItem.put("token", s(token.token().value()));
    slotItem.put("ttl", expires);

    Map<String, AttributeValue> latestItem = new HashMap<>(QueueItems.latestTokenKey(token.userId(), concertId));
    latestItem.put("token", s(token.token().value()));
    latestItem.put("ttl", expires);
    Put.Builder latest = Put.builder().tableName(table.name()).item(latestItem);
    if (replacing.isPresent()) {
      latest.conditionExpression("attribute_not_exists(pk) OR #token = :replacing")
          .expressionAttributeNames(Map.of("#token", "token"))
          .expressionAttributeValues(Map.of(":replacing", s(replacing.get().value())));
    } else {
      latest.conditionExpression("attribute_not_exists(pk)");
    }

    TransactionOutcome outcome = table.transact(List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(tokenItem).conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(slotItem).conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().put(latest.build()).build()));
    if (outcome.committed() || outcome.conditionFailedAt(0)) {
      // The token's random id exists only if an earlier attempt of this very call wrote it
      // (the SDK retried after losing the response): the insert happened.
      return InsertResult.INSERTED;
    }
    if (outcome.conditionFailedAt(1)) {
      return InsertResult.SEQUENCE_CLAIMED;
    }
    if (outcome.conditionFailedAt(2)) {
      return InsertResult.USER_HAS_NEWER_TOKEN;
    }
    throw new IllegalStateException("token insert cancelled: " + outcome.reasons());
  }

  @Override
  public boolean claimAbandoned(String concertId, long sequence) {
    return QueueItems.claimAbandoned(table, concertId, sequence);
  }
}
