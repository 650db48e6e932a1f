package dev.ticketing.reservation;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.ticketing.maintenance.MaintenanceStep;

/** The reservation feature's part of the scheduled maintenance. */
@Module
public interface ReservationModule {
  @Binds
  @IntoSet
  MaintenanceStep holdRelease(ReleaseExpiredHolds step);
}
