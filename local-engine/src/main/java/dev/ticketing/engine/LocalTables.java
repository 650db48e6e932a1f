package dev.ticketing.engine;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates a table from the template's definition on any DynamoDB-compatible endpoint. */
public final class LocalTables {
  private LocalTables() {}

  /** Creates the table unless it exists; returns true when it was created now. */
  public static boolean createIfMissing(DynamoDbClient client, TableDefinition definition, String tableName) {
    if (exists(client, tableName)) {
      return false;
    }
    try {
      client.createTable(definition.createRequest(tableName));
    } catch (ResourceInUseException raced) {
      return false;
    }
    awaitActive(client, tableName);
    definition.ttlAttribute().ifPresent(attribute -> client.updateTimeToLive(r -> r
        .tableName(tableName)
        .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true))));
    return true;
  }

  private static boolean exists(DynamoDbClient client, String tableName) {
    try {
      client.describeTable(r -> r.tableName(tableName));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private static void awaitActive(DynamoDbClient client, String tableName) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (client.describeTable(r -> r.tableName(tableName)).table().tableStatus() != TableStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("table " + tableName + " did not become ACTIVE");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
