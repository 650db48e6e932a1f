package dev.ticketing.engine.junit;

import dev.ticketing.engine.LocalDynamoDb;
import java.net.URI;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh table, created from the template's definition, for one test: tests are isolated by
 * table name, so none can see another's data. {@code target} names the engine behind it.
 */
public record TestTable(String name, DynamoDbClient client, URI endpoint, String target) {

  /** The same table through a client of its own that runs these interceptors (request counting, ...). */
  public TestTable through(ExecutionInterceptor... interceptors) {
    return new TestTable(name, LocalDynamoDb.client(endpoint, interceptors), endpoint, target);
  }
}
