package dev.ticketing.reservation.dynamo;

import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationStore;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Reservations read from DynamoDB: one consistent GetItem. */
@Singleton
final class DynamoReservationStore implements ReservationStore {
  private final Table table;

  @Inject
  DynamoReservationStore(Table table, StoragePriming priming) {
    this.table = table;
    // The reservation's read.
    priming.getItem(ReservationItems.PREFIX);
  }

  @Override
  public Optional<Reservation> find(String reservationId) {
    return table.get(ReservationItems.key(reservationId)).map(ReservationItems::reservationOf);
  }
}
