package dev.ticketing.reservation.dynamo;

import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.reservation.HeldOrder;
import dev.ticketing.reservation.HoldRelease;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A hold given up, in DynamoDB: one TransactWriteItems of the reservation (HELD -> RELEASED while
 * the hold runs), every seat (back to AVAILABLE if still held under it) and the owner's ticket
 * count (the hold out of it). A payment's transaction moves the same
 * reservation HELD -> CONFIRMED, so of a release and a payment racing, exactly one happens.
 */
@Singleton
final class DynamoHoldRelease implements HoldRelease {
  private final Table table;

  @Inject
  DynamoHoldRelease(Table table, StoragePriming priming) {
    this.table = table;
    // The release's transaction (its first item is the reservation's update).
    priming.refusedTransaction(ReservationItems.PREFIX);
  }

  @Override
  public boolean release(HeldOrder order, Instant now) {
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder()
        .update(ReservationItems.release(table.name(), order.reservationId(), order.userId(), now)).build());
    order.seats().forEach(seat -> items.add(TransactWriteItem.builder()
        .update(SeatItems.giveBack(table.name(), seat, order.reservationId())).build()));
    items.add(TransactWriteItem.builder().update(TicketCountItems.release(table.name(), order.userId(),
        order.concertId(), order.reservationId())).build());
    return table.transact(items).committed();
  }
}
