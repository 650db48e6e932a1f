package dev.ticketing.reservation.dynamo;

import dagger.Binds;
import dagger.Module;
import dev.ticketing.reservation.ExpiredHoldStore;
import dev.ticketing.reservation.HoldStore;
import dev.ticketing.reservation.ReservationStore;

/** The reservation feature's ports, bound to their DynamoDB adapters. */
@Module
public interface ReservationDynamoModule {
  @Binds
  HoldStore holdStore(DynamoHoldStore dynamo);

  @Binds
  ReservationStore reservationStore(DynamoReservationStore dynamo);

  @Binds
  ExpiredHoldStore expiredHoldStore(DynamoExpiredHoldStore dynamo);
}
