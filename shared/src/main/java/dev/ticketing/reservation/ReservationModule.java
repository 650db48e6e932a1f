package dev.ticketing.reservation;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.ticketing.maintenance.MaintenanceStep;

@Module
public interface ReservationModule {
  @Binds
  ReservationStore reservationStore(DynamoReservationStore dynamo);

  @Binds
  @IntoSet
  MaintenanceStep holdRelease(ReleaseExpiredHolds step);
}
