package dev.ticketing.queue.dynamo;

import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.state.StatusStore;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Status polls in DynamoDB: one GetItem of the caller's token. */
@Singleton
final class DynamoStatusStore implements StatusStore {
  private final Table table;

  @Inject
  DynamoStatusStore(Table table, StoragePriming priming) {
    this.table = table;
    // The token's read (eventually consistent, then consistent when not found).
    priming.getItem(QueueItems.TOKEN_PREFIX);
  }

  @Override
  public Optional<QueueToken> polledToken(QueueTokenId id) {
    Optional<QueueToken> seen = table.get(QueueItems.tokenKey(id), false).flatMap(item -> QueueItems.tokenOf(id, item));
    return seen.isPresent() ? seen : QueueItems.readToken(table, id);
  }
}
