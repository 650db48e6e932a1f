package dev.ticketing.engine.junit;

import dev.ticketing.engine.DynoxideEngine;
import dev.ticketing.engine.LocalDynamoDb;
import dev.ticketing.engine.LocalTables;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.TableDefinition;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Gives a test a {@link TestTable} on the embedded engine: one dynoxide per test run on a free
 * port (or {@code DYNAMODB_ENDPOINT} when set), and a new table per test.
 */
public class DynamoDbExtension implements ParameterResolver {

  /** The engine and client shared by every test of one run; closed when the run ends. */
  record SharedEngine(DynoxideEngine engine, URI endpoint, DynamoDbClient client, TableDefinition table)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      client.close();
      if (engine != null) {
        engine.close();
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestTable.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SharedEngine shared = sharedEngine(context);
    String name = "test-" + UUID.randomUUID();
    LocalTables.createIfMissing(shared.client(), shared.table(), name);
    return new TestTable(name, shared.client(), shared.endpoint(),
        shared.engine() == null ? "DYNAMODB_ENDPOINT" : "dynoxide");
  }

  /** The run-wide engine, for tests that start their own clients or a local runtime on it. */
  public static URI endpoint(ExtensionContext context) {
    return sharedEngine(context).endpoint();
  }

  static SharedEngine sharedEngine(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedEngine.class, key -> startShared(), SharedEngine.class);
  }

  private static SharedEngine startShared() {
    TableDefinition table = SamTemplate.locate().table();
    String configured = System.getenv("DYNAMODB_ENDPOINT");
    if (configured != null && !configured.isBlank()) {
      URI endpoint = URI.create(configured);
      return new SharedEngine(null, endpoint, LocalDynamoDb.client(endpoint), table);
    }
    DynoxideEngine engine = DynoxideEngine.start();
    return new SharedEngine(engine, engine.endpoint(), LocalDynamoDb.client(engine.endpoint()), table);
  }
}
