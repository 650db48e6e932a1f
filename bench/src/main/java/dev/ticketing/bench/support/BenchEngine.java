package dev.ticketing.bench.support;

import dev.ticketing.config.Settings;
import dev.ticketing.engine.DynoxideEngine;
import dev.ticketing.engine.LocalDynamoDb;
import dev.ticketing.engine.LocalTables;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wiring.StorageModule;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One dynoxide on loopback for a benchmark section, with tables made from template.yaml. */
public final class BenchEngine implements AutoCloseable {
  private final DynoxideEngine engine;
  private final SamTemplate template = SamTemplate.locate();

  private BenchEngine(DynoxideEngine engine) {
    this.engine = engine;
  }

  public static BenchEngine start() {
    return new BenchEngine(DynoxideEngine.start());
  }

  public URI endpoint() {
    return engine.endpoint();
  }

  public DynamoDbClient client(ExecutionInterceptor... interceptors) {
    return LocalDynamoDb.client(engine.endpoint(), interceptors);
  }

  public void createTable(String name) {
    try (DynamoDbClient client = client()) {
      LocalTables.createIfMissing(client, template.table(), name);
    }
  }

  /**
   * The function's own object graph on {@code client}; {@code env} on top of the template's
   * defaults. The tests' graph of the same modules: a benchmark drives queue rounds one by one.
   */
  public static TestComponent app(DynamoDbClient client, String table, Clock clock, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("TABLE_NAME", table);
    return TestComponent.builder().settings(Settings.fromEnvironment(all)).clock(clock)
        .storageModule(new StorageModule(client)).build();
  }

  public SamTemplate template() {
    return template;
  }

  @Override
  public void close() {
    engine.close();
  }
}
