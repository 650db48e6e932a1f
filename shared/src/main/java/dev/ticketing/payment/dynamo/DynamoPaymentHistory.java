package dev.ticketing.payment.dynamo;

import static dev.ticketing.storage.Items.s;

import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.payment.Payment;
import dev.ticketing.payment.PaymentHistory;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.UserPartition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** A user's payments from DynamoDB: one consistent Query of the user's partition, newest first. */
@Singleton
final class DynamoPaymentHistory implements PaymentHistory {
  private final Table table;

  @Inject
  DynamoPaymentHistory(Table table, StoragePriming priming) {
    this.table = table;
    // The history's Query of the payer's partition.
    priming.query(UserPartition.PREFIX);
  }

  @Override
  public Page<Payment> history(String userId, PageRequest page) {
    QueryResponse response = table.query(q -> {
      q.keyConditionExpression("pk = :pk AND begins_with(sk, :payments)")
          .expressionAttributeValues(Map.of(":pk", s(UserPartition.pk(userId)), ":payments", s(PaymentItems.PREFIX)))
          .scanIndexForward(false)
          .consistentRead(true)
          // One more than asked tells whether another page follows.
          .limit(page.limit() + 1);
      page.after().ifPresent(position -> q.exclusiveStartKey(PaymentItems.key(userId, position)));
    });
    List<Payment> found = response.items().stream().map(PaymentItems::paymentOf).toList();
    if (found.size() <= page.limit()) {
      return new Page<>(found, Optional.empty());
    }
    List<Payment> shown = found.subList(0, page.limit());
    return new Page<>(shown, Optional.of(shown.get(shown.size() - 1).historyPosition()));
  }
}
