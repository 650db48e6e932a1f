package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.queue.gate.GateStore;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The gate's reads and writes in DynamoDB: the token item only. */
@Singleton
final class DynamoGateStore implements GateStore {
  private final Table table;

  @Inject
  DynamoGateStore(Table table, StoragePriming priming) {
    this.table = table;
    // The token's read and the first use's conditional update.
    priming.getItem(QueueItems.TOKEN_PREFIX);
    priming.refusedUpdate(QueueItems.TOKEN_PREFIX);
  }

  @Override
  public Optional<QueueToken> token(QueueTokenId id) {
    return QueueItems.readToken(table, id);
  }

  @Override
  public boolean recordFirstUse(QueueTokenId id, Instant now, Instant graceDeadline) {
    return table.update(r -> r.key(QueueItems.tokenKey(id))
        .updateExpression("SET firstUsedAt = if_not_exists(firstUsedAt, :now)")
        .conditionExpression("secret = :secret AND #status = :active AND activeUntil > :now"
            + " AND (attribute_exists(firstUsedAt) OR :now < :graceDeadline)")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":active", s("ACTIVE"),
            ":graceDeadline", n(graceDeadline.toEpochMilli()), ":secret", s(id.secret()))));
  }
}
