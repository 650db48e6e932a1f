package dev.ticketing.engine;

import static dev.ticketing.engine.SamTemplate.asList;
import static dev.ticketing.engine.SamTemplate.asMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * The table as the template declares it: key schema, attributes, indexes and TTL. Point-in-time
 * recovery and deletion protection are AWS-only and are not applied to local tables.
 */
public record TableDefinition(
    String logicalId,
    List<AttributeDefinition> attributes,
    List<KeySchemaElement> keySchema,
    List<GlobalSecondaryIndex> globalSecondaryIndexes,
    Optional<String> ttlAttribute) {

  static TableDefinition fromProperties(String logicalId, Map<String, Object> properties) {
    List<AttributeDefinition> attributes = asList(properties.get("AttributeDefinitions")).stream()
        .map(SamTemplate::asMap)
        .map(a -> AttributeDefinition.builder()
            .attributeName(String.valueOf(a.get("AttributeName")))
            .attributeType(String.valueOf(a.get("AttributeType")))
            .build())
        .toList();
    List<GlobalSecondaryIndex> indexes = asList(properties.get("GlobalSecondaryIndexes")).stream()
        .map(SamTemplate::asMap)
        .map(index -> {
          Map<String, Object> projection = asMap(index.get("Projection"));
          Projection.Builder projectionBuilder = Projection.builder()
              .projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
          List<String> nonKey = asList(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
          if (!nonKey.isEmpty()) {
            projectionBuilder.nonKeyAttributes(nonKey);
          }
          return GlobalSecondaryIndex.builder()
              .indexName(String.valueOf(index.get("IndexName")))
              .keySchema(keySchema(index.get("KeySchema")))
              .projection(projectionBuilder.build())
              .build();
        })
        .toList();
    Map<String, Object> ttl = asMap(properties.get("TimeToLiveSpecification"));
    Optional<String> ttlAttribute = Boolean.TRUE.equals(ttl.get("Enabled"))
        ? Optional.of(String.valueOf(ttl.get("AttributeName")))
        : Optional.empty();
    return new TableDefinition(logicalId, attributes, keySchema(properties.get("KeySchema")), indexes, ttlAttribute);
  }

  private static List<KeySchemaElement> keySchema(Object value) {
    return asList(value).stream()
        .map(SamTemplate::asMap)
        .map(k -> KeySchemaElement.builder()
            .attributeName(String.valueOf(k.get("AttributeName")))
            .keyType(String.valueOf(k.get("KeyType")))
            .build())
        .toList();
  }

  public CreateTableRequest createRequest(String tableName) {
    CreateTableRequest.Builder builder = CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attributes)
        .keySchema(keySchema);
    if (!globalSecondaryIndexes.isEmpty()) {
      builder.globalSecondaryIndexes(globalSecondaryIndexes);
    }
    return builder.build();
  }
}
