package dev.ticketing.wiring;

import dagger.Module;
import dagger.Provides;
import dev.ticketing.config.Settings;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.storage.DynamoDbClients;
import dev.ticketing.storage.Table;
import java.util.random.RandomGenerator;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Storage wiring. The default builds the client from {@link Settings}; tests and the local
 * runtime pass a client of their own (on the embedded engine, with interceptors, ...).
 */
@Module
public final class StorageModule {
  private final DynamoDbClient client;

  public StorageModule() {
    this(null);
  }

  public StorageModule(DynamoDbClient client) {
    this.client = client;
  }

  @Provides
  @Singleton
  DynamoDbClient dynamoDbClient(Settings settings) {
    return client != null ? client : DynamoDbClients.create(settings);
  }

  @Provides
  @Singleton
  static Table table(DynamoDbClient client, Settings settings, Metrics metrics, RandomGenerator random) {
    return new Table(client, settings.tableName(), random, metrics);
  }
}
