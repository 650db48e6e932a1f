package dev.ticketing.reservation.dynamo;

import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.dynamo.TokenRead;
import dev.ticketing.reservation.TicketCounts;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.UserPartition;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The token and the caller's ticket count in one consistent BatchGetItem. */
@Singleton
final class DynamoTicketCounts implements TicketCounts {
  private final Table table;

  @Inject
  DynamoTicketCounts(Table table, StoragePriming priming) {
    this.table = table;
    // The token's and the count's read.
    priming.batchGetItem(TokenRead.PREFIX, UserPartition.PREFIX);
  }

  @Override
  public Gated readWithToken(QueueTokenId token, String userId, String concertId) {
    Map<String, AttributeValue> countKey = TicketCountItems.key(userId, concertId);
    Map<String, Map<String, AttributeValue>> found = table.batchGet(List.of(TokenRead.key(token), countKey));
    return new Gated(TokenRead.from(token, found),
        TicketCountItems.countOf(userId, concertId, found.get(Table.keyString(countKey))));
  }
}
