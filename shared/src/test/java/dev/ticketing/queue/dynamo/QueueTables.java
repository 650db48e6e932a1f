package dev.ticketing.queue.dynamo;

import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.queue.QueueTokenId;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a test table's queue items directly, to check what the code under test left behind. */
public final class QueueTables {
  /** How long an ended token is kept before DynamoDB's TTL deletes it. */
  public static final Duration KEEP_ENDED = QueueItems.KEEP_ENDED;

  private QueueTables() {}

  /** The token's item, read consistently; empty if there is none. */
  public static Map<String, AttributeValue> token(TestTable table, QueueTokenId id) {
    return table.client().getItem(r -> r.tableName(table.name()).key(QueueItems.tokenKey(id)).consistentRead(true)).item();
  }
}
