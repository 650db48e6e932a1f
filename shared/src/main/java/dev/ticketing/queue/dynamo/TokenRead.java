package dev.ticketing.queue.dynamo;

import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.Table;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The gate's read of a token, for a store that reads the token together with items of its own in
 * one consistent BatchGetItem and hands it to {@code QueueGate.admit}: the hold and the payment
 * read the caller's ticket count with it, which keeps them within their request budgets
 * (docs/design.md, "Budgets"). Public for those stores; the token's key and shape stay the queue's.
 */
public final class TokenRead {
  /** The partition prefix of tokens, for the IAM leading key of those reads and their priming. */
  public static final String PREFIX = QueueItems.TOKEN_PREFIX;

  private TokenRead() {}

  public static Map<String, AttributeValue> key(QueueTokenId id) {
    return QueueItems.tokenKey(id);
  }

  /** The token among the items a batch read found (keyed by {@link Table#keyString}), if it is there. */
  public static Optional<QueueToken> from(QueueTokenId id, Map<String, Map<String, AttributeValue>> found) {
    return QueueItems.tokenOf(id, found.get(Table.keyString(key(id))));
  }
}
