package dev.ticketing.queue.dynamo;

import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.StatusStore;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Status polls in DynamoDB: one BatchGetItem of the token and its queue's counters. */
@Singleton
final class DynamoStatusStore implements StatusStore {
  private final Table table;

  @Inject
  DynamoStatusStore(Table table, StoragePriming priming) {
    this.table = table;
    // The token and the counters in one BatchGetItem.
    priming.batchGetItem(QueueItems.TOKEN_PREFIX, QueueItems.QUEUE_PREFIX);
  }

  @Override
  public TokenInQueue polledTokenInQueue(QueueTokenId id) {
    TokenInQueue seen = tokenInQueue(id, false);
    return seen.token().isPresent() ? seen : tokenInQueue(id, true);
  }

  private TokenInQueue tokenInQueue(QueueTokenId id, boolean consistent) {
    Map<String, AttributeValue> tokenKey = QueueItems.tokenKey(id);
    Map<String, AttributeValue> counterKey = QueueItems.counterKey(id.concertId());
    Map<String, Map<String, AttributeValue>> items = table.batchGet(List.of(tokenKey, counterKey), consistent);
    return new TokenInQueue(QueueItems.tokenOf(id, items.get(Table.keyString(tokenKey))),
        QueueItems.countersOf(id.concertId(), items.get(Table.keyString(counterKey))));
  }
}
