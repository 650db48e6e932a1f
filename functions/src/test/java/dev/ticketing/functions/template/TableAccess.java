package dev.ticketing.functions.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One IAM authorisation a DynamoDB request needs, as IAM evaluates it: the action, the resource
 * ({@code table} or {@code index/<name>}) and the partition key value that the condition key
 * {@code dynamodb:LeadingKeys} sees. A transaction needs one per item, with the action of its kind
 * (PutItem, UpdateItem, ...); a batch read one per key.
 */
record TableAccess(String action, String resource, String leadingKey) {
  private static final Pattern EQUALS = Pattern.compile("(#?\\w+)\\s*=\\s*(:\\w+)");

  static List<TableAccess> of(SdkRequest request) {
    List<TableAccess> accesses = new ArrayList<>();
    if (request instanceof GetItemRequest get) {
      accesses.add(onTable("GetItem", get.key()));
    } else if (request instanceof BatchGetItemRequest batch) {
      batch.requestItems().values().forEach(keys -> keys.keys().forEach(key -> accesses.add(onTable("BatchGetItem", key))));
    } else if (request instanceof UpdateItemRequest update) {
      accesses.add(onTable("UpdateItem", update.key()));
    } else if (request instanceof PutItemRequest put) {
      accesses.add(onTable("PutItem", put.item()));
    } else if (request instanceof QueryRequest query) {
      accesses.add(query(query));
    } else if (request instanceof TransactWriteItemsRequest transaction) {
      transaction.transactItems().forEach(item -> accesses.add(transactionItem(item)));
    } else {
      // Scans, deletes, table management: no function may need them; the policies grant none.
      accesses.add(new TableAccess(request.getClass().getSimpleName().replace("Request", ""), "table", null));
    }
    return accesses;
  }

  private static TableAccess transactionItem(TransactWriteItem item) {
    if (item.put() != null) {
      return onTable("PutItem", item.put().item());
    }
    if (item.update() != null) {
      return onTable("UpdateItem", item.update().key());
    }
    if (item.delete() != null) {
      return onTable("DeleteItem", item.delete().key());
    }
    return onTable("ConditionCheckItem", item.conditionCheck().key());
  }

  private static TableAccess onTable(String operation, Map<String, AttributeValue> key) {
    return new TableAccess("dynamodb:" + operation, "table", key.get("pk").s());
  }

  /** The partition key's value of the key condition: the table's {@code pk} or the index's {@code gsi1pk}. */
  private static TableAccess query(QueryRequest query) {
    String partitionKey = query.indexName() == null ? "pk" : query.indexName() + "pk";
    Matcher equals = EQUALS.matcher(query.keyConditionExpression());
    while (equals.find()) {
      String name = query.expressionAttributeNames().getOrDefault(equals.group(1), equals.group(1));
      if (name.equals(partitionKey)) {
        String value = query.expressionAttributeValues().get(equals.group(2)).s();
        return new TableAccess("dynamodb:Query", query.indexName() == null ? "table" : "index/" + query.indexName(), value);
      }
    }
    throw new IllegalArgumentException("no partition key condition in " + query.keyConditionExpression());
  }
}
