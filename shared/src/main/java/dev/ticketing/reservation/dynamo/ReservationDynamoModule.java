package dev.ticketing.reservation.dynamo;

import dagger.Binds;
import dagger.Module;
import dev.ticketing.reservation.ExpiredHoldStore;
import dev.ticketing.reservation.HoldRelease;
import dev.ticketing.reservation.HoldStore;
import dev.ticketing.reservation.ReservationStore;
import dev.ticketing.reservation.TicketCounts;

/** The reservation feature's ports, bound to their DynamoDB adapters. */
@Module
public interface ReservationDynamoModule {
  @Binds
  HoldStore holdStore(DynamoHoldStore dynamo);

  @Binds
  TicketCounts ticketCounts(DynamoTicketCounts dynamo);

  @Binds
  HoldRelease holdRelease(DynamoHoldRelease dynamo);

  @Binds
  ReservationStore reservationStore(DynamoReservationStore dynamo);

  @Binds
  ExpiredHoldStore expiredHoldStore(DynamoExpiredHoldStore dynamo);
}
