package dev.ticketing.local;

import dagger.BindsInstance;
import dagger.Component;
import dev.ticketing.config.Settings;
import dev.ticketing.queue.join.JoinStore;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.AppModule;
import dev.ticketing.wiring.StorageModule;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The production graph with what {@code invoke --prepare} needs to make a queue token a sample
 * event names under the id the event gives it ({@link EventPreparation}; its hold is made by the
 * reservation use case).
 * Functions never get it: each runs on an {@link AppComponent} of its own.
 */
@Singleton
@Component(modules = AppModule.class)
interface LocalComponent extends AppComponent {
  Settings settings();

  JoinStore joinStore();

  static LocalComponent on(Settings settings, Clock clock, DynamoDbClient client) {
    return DaggerLocalComponent.factory().create(settings, clock, new StorageModule(client));
  }

  @Component.Factory
  interface Factory {
    LocalComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock, StorageModule storage);
  }
}
