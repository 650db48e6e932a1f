package dev.ticketing.queue;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.ticketing.maintenance.MaintenanceStep;

/** The queue's part of the scheduled maintenance. */
@Module
public interface QueueModule {
  @Binds
  @IntoSet
  MaintenanceStep round(QueueRound step);
}
