package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.queue.gate.ActiveSession;
import dev.ticketing.queue.QueueTokenId;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The queue's part of a payment's transaction: the paying session's token goes ACTIVE ->
 * EXPIRED, only if it is still the caller's ACTIVE token with time left. So a token pays once:
 * of several payments made with it at once, only one transaction can commit. Public because the
 * payment's adapter puts this item into its own TransactWriteItems. The token stays in the
 * admitted index; the next admission run frees its slot ({@code QueueRound}).
 */
public final class PaymentSessionEnd {
  private PaymentSessionEnd() {}

  public static TransactWriteItem item(String tableName, ActiveSession session, Instant now) {
    QueueTokenId id = QueueTokenId.parse(session.token())
        .orElseThrow(() -> new IllegalArgumentException("not a queue token"));
    return TransactWriteItem.builder().update(Update.builder().tableName(tableName)
        .key(QueueItems.tokenKey(id))
        .updateExpression("SET #status = :expired")
        .conditionExpression("secret = :secret AND #status = :active AND userId = :user AND activeUntil > :now")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":expired", s("EXPIRED"), ":active", s("ACTIVE"),
            ":user", s(session.userId()), ":now", n(now.toEpochMilli()), ":secret", s(id.secret())))
        .build()).build();
  }
}
