package dev.ticketing.engine.junit;

import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh table, created from the template's definition, for one test: tests are isolated by
 * table name, so none can see another's data. {@code target} names the engine behind it.
 */
public record TestTable(String name, DynamoDbClient client, URI endpoint, String target) {}
