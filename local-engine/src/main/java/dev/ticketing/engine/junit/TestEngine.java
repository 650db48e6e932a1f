package dev.ticketing.engine.junit;

import dev.ticketing.engine.DynoxideEngine;
import dev.ticketing.engine.LocalDynamoDb;
import dev.ticketing.engine.LocalTables;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.TableDefinition;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one engine of a test JVM: dynoxide on a free port, started on first use (or the endpoint
 * {@code DYNAMODB_ENDPOINT} names), shared by every test engine of the run (JUnit Jupiter's
 * extension, jqwik properties). It ends with the JVM: the launcher's shutdown hook and its
 * parent-death signal see to that.
 */
public final class TestEngine {
  private static TestEngine shared;

  private final URI endpoint;
  private final DynamoDbClient client;
  private final TableDefinition table;
  private final String target;

  private TestEngine(URI endpoint, String target) {
    this.endpoint = endpoint;
    this.client = LocalDynamoDb.client(endpoint);
    this.table = SamTemplate.locate().table();
    this.target = target;
  }

  public static synchronized TestEngine shared() {
    if (shared == null) {
      String configured = System.getenv("DYNAMODB_ENDPOINT");
      shared = configured != null && !configured.isBlank()
          ? new TestEngine(URI.create(configured), "DYNAMODB_ENDPOINT")
          : new TestEngine(DynoxideEngine.start().endpoint(), "dynoxide");
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A new, empty table created from the template's definition. */
  public TestTable newTable() {
    String name = "test-" + UUID.randomUUID();
    LocalTables.createIfMissing(client, table, name);
    return new TestTable(name, client, endpoint, target);
  }
}
