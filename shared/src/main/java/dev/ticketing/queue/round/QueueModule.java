package dev.ticketing.queue.round;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.ticketing.maintenance.MaintenanceStep;
import dev.ticketing.sale.QueueFigures;

/** The queue's part of the scheduled maintenance, and its answers to the sale's ports. */
@Module
public interface QueueModule {
  @Binds
  @IntoSet
  MaintenanceStep round(QueueRound step);

  @Binds
  QueueFigures figures(CountersFigures counters);
}
