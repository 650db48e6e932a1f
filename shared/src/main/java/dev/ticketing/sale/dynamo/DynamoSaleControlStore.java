package dev.ticketing.sale.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.sale.AuditEntry;
import dev.ticketing.sale.SaleControl;
import dev.ticketing.sale.SaleControlStore;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** A sale's control and audit trail in DynamoDB: every change is one transaction of both. */
@Singleton
final class DynamoSaleControlStore implements SaleControlStore {
  private final Table table;

  @Inject
  DynamoSaleControlStore(Table table, StoragePriming priming) {
    this.table = table;
    // The maintenance's read of a concert's control.
    priming.getItem(SaleItems.CONCERT_PREFIX);
  }

  @Override
  public SaleControl control(String concertId) {
    return table.get(SaleItems.controlKey(concertId)).map(SaleItems::controlOf).orElse(SaleControl.DEFAULT);
  }

  @Override
  public boolean change(String concertId, SaleControl expected, SaleControl next, AuditEntry entry) {
    return table.transact(List.of(controlWrite(concertId, expected, next), auditWrite(concertId, next, entry))).committed();
  }

  @Override
  public boolean changeOpening(String concertId, SaleControl expected, Instant openingBefore, Instant openingAfter,
      AuditEntry entry) {
    Update opening = Update.builder().tableName(table.name()).key(SaleItems.concertKey(concertId))
        .updateExpression("SET saleOpensAt = :after")
        .conditionExpression("saleOpensAt = :before AND attribute_not_exists(drawSeed)")
        .expressionAttributeValues(Map.of(":after", s(openingAfter.toString()), ":before", s(openingBefore.toString())))
        .build();
    SaleControl next = expected.touched();
    return table.transact(List.of(controlWrite(concertId, expected, next),
        TransactWriteItem.builder().update(opening).build(), auditWrite(concertId, next, entry))).committed();
  }

  @Override
  public List<AuditEntry> audit(String concertId) {
    List<AuditEntry> entries = new ArrayList<>();
    table.queryAll(query -> query.consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :audit)")
            .expressionAttributeValues(Map.of(":pk", s(SaleItems.pk(concertId)), ":audit", s(SaleItems.AUDIT_PREFIX)))
            .scanIndexForward(false))
        .forEach(item -> entries.add(SaleItems.auditOf(item)));
    return entries;
  }

  private TransactWriteItem controlWrite(String concertId, SaleControl expected, SaleControl next) {
    Put.Builder put = Put.builder().tableName(table.name()).item(SaleItems.controlItem(concertId, next));
    if (expected.version() == 0) {
      put.conditionExpression("attribute_not_exists(pk) OR version = :version")
          .expressionAttributeValues(Map.of(":version", n(0)));
    } else {
      put.conditionExpression("version = :version").expressionAttributeValues(Map.of(":version", n(expected.version())));
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private TransactWriteItem auditWrite(String concertId, SaleControl next, AuditEntry entry) {
    return TransactWriteItem.builder().put(p -> p.tableName(table.name())
        .item(SaleItems.auditItem(concertId, next.version(), entry))
        .conditionExpression("attribute_not_exists(pk)")).build();
  }
}
