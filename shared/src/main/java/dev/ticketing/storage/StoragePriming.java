package dev.ticketing.storage;

import static dev.ticketing.storage.Items.n;

import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * DynamoDB calls that load and run the SDK's request paths (marshalling, signing, the HTTP
 * client, unmarshalling of answers and of refusals) without changing anything: reads of keys
 * that no item can have, and writes whose condition can never hold. A function runs them before
 * its SnapStart snapshot is taken, so the first request after a restore does not pay for them.
 *
 * <p>Every key is {@code <prefix>~priming}: {@code ~} is outside the id alphabet (Ids), so no
 * feature ever writes such a key; the prefix keeps the call inside the function's IAM
 * {@code dynamodb:LeadingKeys}. The condition {@code attribute_exists(pk) AND
 * attribute_not_exists(pk)} is false for every item, present or not, so the writes never apply.
 */
public final class StoragePriming {
  static final String NEVER = "attribute_exists(pk) AND attribute_not_exists(pk)";
  private static final String SUFFIX = "~priming";

  private final Table table;

  @Inject
  public StoragePriming(Table table) {
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String pkPrefix) {
    return Items.key(pkPrefix + SUFFIX, SUFFIX);
  }

  /** A consistent GetItem that finds nothing. */
  public void getItem(String pkPrefix) {
    table.get(key(pkPrefix));
  }

  /** A consistent BatchGetItem of two keys that find nothing. */
  public void batchGetItem(String pkPrefix) {
    table.batchGet(List.of(key(pkPrefix), Items.key(pkPrefix + SUFFIX, SUFFIX + "2")));
  }

  /** A Query of a partition that holds nothing. */
  public void query(String pkPrefix) {
    table.queryAll(query -> query
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", Items.s(pkPrefix + SUFFIX), ":prefix", Items.s(SUFFIX))));
  }

  /** A Query of a gsi1 partition that holds nothing. */
  public void queryIndex(String gsi1pkPrefix) {
    table.queryAll(query -> query.indexName("gsi1")
        .keyConditionExpression("gsi1pk = :pk")
        .expressionAttributeValues(Map.of(":pk", Items.s(gsi1pkPrefix + SUFFIX))));
  }

  /** A conditional UpdateItem that is always refused: changes nothing. */
  public void refusedUpdate(String pkPrefix) {
    boolean applied = table.update(r -> r.key(key(pkPrefix))
        .updateExpression("SET primedAt = :now").conditionExpression(NEVER)
        .expressionAttributeValues(Map.of(":now", n(0))));
    if (applied) {
      throw new IllegalStateException("a priming update applied");
    }
  }

  /** A TransactWriteItems that is always cancelled by its condition: changes nothing. */
  public void refusedTransaction(String pkPrefix) {
    TransactionOutcome outcome = table.transact(List.of(
        TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(key(pkPrefix))
            .updateExpression("SET primedAt = :now").conditionExpression(NEVER)
            .expressionAttributeValues(Map.of(":now", n(0))).build()).build()));
    if (outcome.committed()) {
      throw new IllegalStateException("a priming transaction committed");
    }
  }
}
