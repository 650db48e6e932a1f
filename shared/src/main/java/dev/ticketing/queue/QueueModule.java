package dev.ticketing.queue;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.ticketing.maintenance.MaintenanceStep;

@Module
public interface QueueModule {
  @Binds
  QueueStore queueStore(DynamoQueueStore dynamo);

  @Binds
  @IntoSet
  MaintenanceStep admission(AdmitWaitingUsers step);
}
