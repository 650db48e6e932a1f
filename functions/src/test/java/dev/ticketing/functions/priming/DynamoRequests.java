package dev.ticketing.functions.priming;

import dev.ticketing.functions.priming.DynamoPolicy.DynamoRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Records what IAM would authorise for each DynamoDB request a client sends: action, table or index, leading key. */
final class DynamoRequests implements ExecutionInterceptor {
  private static final Pattern PARTITION_CONDITION = Pattern.compile("\\b(pk|gsi1pk)\\s*=\\s*(:\\w+)");
  private final List<DynamoRequest> seen = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    seen.addAll(of(context.request()));
  }

  List<DynamoRequest> drain() {
    List<DynamoRequest> drained = List.copyOf(seen);
    seen.clear();
    return drained;
  }

  private static List<DynamoRequest> of(SdkRequest request) {
    List<DynamoRequest> needs = new ArrayList<>();
    if (request instanceof GetItemRequest get) {
      needs.add(item("GetItem", get.key()));
    } else if (request instanceof BatchGetItemRequest batch) {
      batch.requestItems().values().forEach(keys -> keys.keys().forEach(key -> needs.add(item("BatchGetItem", key))));
    } else if (request instanceof QueryRequest query) {
      Matcher partition = PARTITION_CONDITION.matcher(query.keyConditionExpression());
      String key = partition.find() ? query.expressionAttributeValues().get(partition.group(2)).s() : "?";
      needs.add(new DynamoRequest("dynamodb:Query", query.indexName() != null, key));
    } else if (request instanceof PutItemRequest put) {
      needs.add(item("PutItem", put.item()));
    } else if (request instanceof UpdateItemRequest update) {
      needs.add(item("UpdateItem", update.key()));
    } else if (request instanceof TransactWriteItemsRequest transaction) {
      for (TransactWriteItem write : transaction.transactItems()) {
        if (write.put() != null) {
          needs.add(item("PutItem", write.put().item()));
        } else if (write.update() != null) {
          needs.add(item("UpdateItem", write.update().key()));
        } else if (write.conditionCheck() != null) {
          needs.add(item("ConditionCheckItem", write.conditionCheck().key()));
        } else if (write.delete() != null) {
          needs.add(item("DeleteItem", write.delete().key()));
        }
      }
    } else {
      needs.add(new DynamoRequest("dynamodb:" + request.getClass().getSimpleName().replace("Request", ""), false, "?"));
    }
    return needs;
  }

  private static DynamoRequest item(String action, Map<String, AttributeValue> key) {
    return new DynamoRequest("dynamodb:" + action, false, key.get("pk").s());
  }
}
