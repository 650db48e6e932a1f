package dev.ticketing.reservation.dynamo;

import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.SeatHold;
import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.dynamo.CatalogItems;
import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.reservation.HoldStore;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Holds in DynamoDB: one transaction of the seat's update and the reservation's put. */
@Singleton
final class DynamoHoldStore implements HoldStore {
  private final Table table;

  @Inject
  DynamoHoldStore(Table table, StoragePriming priming) {
    this.table = table;
    // The hold's transaction (its seat's update) and a refused hold's seat read.
    priming.refusedTransaction(CatalogItems.CONCERT_PREFIX);
    priming.getItem(CatalogItems.CONCERT_PREFIX);
  }

  @Override
  public HoldResult hold(Reservation reservation) {
    SeatHold hold = new SeatHold(reservation.userId(), reservation.reservationId(), reservation.holdExpiresAt());
    boolean held = table.transact(List.of(
        TransactWriteItem.builder()
            .update(SeatItems.hold(table.name(), reservation.seat(), hold, reservation.price(), reservation.heldAt())).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(ReservationItems.itemOf(reservation))
            .conditionExpression("attribute_not_exists(pk)")).build())).committed();
    return held ? HoldResult.HELD : HoldResult.REFUSED;
  }

  @Override
  public Optional<Seat> seat(SeatId seat) {
    return table.get(SeatItems.key(seat)).map(SeatItems::seatOf);
  }
}
