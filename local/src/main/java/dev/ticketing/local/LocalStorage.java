package dev.ticketing.local;

import dev.ticketing.config.Settings;
import dev.ticketing.engine.DynoxideEngine;
import dev.ticketing.engine.LocalTables;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.storage.DynamoDbClients;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the local runtime keeps its data: the embedded engine (dynoxide, started here and tied
 * to this JVM; in memory, or in the SQLite file {@code DYNOXIDE_DB_PATH} names, which keeps the
 * data across restarts), or whatever {@code DYNAMODB_ENDPOINT} names; with the template's table
 * created in it if missing.
 */
final class LocalStorage implements AutoCloseable {
  /** The embedded engine's data file; unset: in memory. */
  static final String DB_PATH = "DYNOXIDE_DB_PATH";

  private final Optional<DynoxideEngine> engine;
  private final DynamoDbClient client;

  private LocalStorage(Optional<DynoxideEngine> engine, DynamoDbClient client) {
    this.engine = engine;
    this.client = client;
  }

  /**
   * The engine {@code environment}'s {@code DYNAMODB_ENDPOINT} names, or a new embedded one whose
   * endpoint is then put into {@code environment}; the table created from the template.
   */
  static LocalStorage open(Map<String, String> environment, SamTemplate template) {
    Optional<DynoxideEngine> engine = Optional.empty();
    if (Optional.ofNullable(environment.get("DYNAMODB_ENDPOINT")).filter(s -> !s.isBlank()).isEmpty()) {
      engine = Optional.of(DynoxideEngine.start(Optional.ofNullable(environment.get(DB_PATH))
          .filter(path -> !path.isBlank()).map(Path::of)));
      environment.put("DYNAMODB_ENDPOINT", engine.get().endpoint().toString());
    }
    try {
      Settings settings = Settings.fromEnvironment(environment);
      DynamoDbClient client = DynamoDbClients.create(settings);
      LocalTables.createIfMissing(client, template.table(), settings.tableName());
      return new LocalStorage(engine, client);
    } catch (RuntimeException e) {
      engine.ifPresent(DynoxideEngine::close);
      throw e;
    }
  }

  DynamoDbClient client() {
    return client;
  }

  /** The embedded engine, if any, stops only when this is closed: the caller's shutdown hook closes it. */
  void leaveEngineShutdownToOwner() {
    engine.ifPresent(DynoxideEngine::leaveShutdownToOwner);
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      engine.ifPresent(DynoxideEngine::close);
    }
  }
}
