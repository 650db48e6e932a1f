package dev.ticketing.reservation.dynamo;

import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.SeatHold;
import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.dynamo.CatalogItems;
import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.reservation.HoldStore;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.TicketCount;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.UserPartition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Holds in DynamoDB: one TransactWriteItems of every seat's update, the reservation's put, the
 * ticket count's write and the EXPIRED mark of each listed hold of the caller's that is over
 * (docs/data-model.md, "Hold").
 */
@Singleton
final class DynamoHoldStore implements HoldStore {
  private final Table table;

  @Inject
  DynamoHoldStore(Table table, StoragePriming priming) {
    this.table = table;
    // The hold's transaction (its first item is a seat's update) and a refused hold's read of the count and the seats.
    priming.refusedTransaction(CatalogItems.CONCERT_PREFIX);
    priming.batchGetItem(UserPartition.PREFIX, CatalogItems.CONCERT_PREFIX);
  }

  @Override
  public HoldResult hold(Reservation reservation, TicketCount seen, Instant now) {
    SeatHold hold = new SeatHold(reservation.userId(), reservation.reservationId(), reservation.holdExpiresAt());
    List<TransactWriteItem> items = new ArrayList<>();
    reservation.seats().forEach(seat -> items.add(TransactWriteItem.builder().update(SeatItems.hold(table.name(),
        new SeatId(reservation.concertId(), reservation.scheduleId(), seat.seatNo()), hold, seat.price(), now)).build()));
    items.add(TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(ReservationItems.itemOf(reservation))
        .conditionExpression("attribute_not_exists(pk)")).build());
    TicketCount after = seen.with(new TicketCount.ListedHold(reservation.reservationId(), reservation.scheduleId(),
        reservation.seatNos(), reservation.holdExpiresAt()), now);
    items.add(TransactWriteItem.builder().update(TicketCountItems.write(table.name(), seen, after)).build());
    seen.expiredAt(now).forEach(over -> items.add(TransactWriteItem.builder()
        .update(ReservationItems.expireOwn(table.name(), over.reservationId(), reservation.userId(), now)).build()));
    return table.transact(items).committed() ? HoldResult.HELD : HoldResult.REFUSED;
  }

  @Override
  public Found afterRefusal(Reservation refused) {
    Map<String, AttributeValue> countKey = TicketCountItems.key(refused.userId(), refused.concertId());
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    keys.add(countKey);
    refused.seatIds().forEach(seat -> keys.add(SeatItems.key(seat)));
    Map<String, Map<String, AttributeValue>> found = table.batchGet(keys);
    Map<Integer, Seat> seats = new HashMap<>();
    for (SeatId seat : refused.seatIds()) {
      Map<String, AttributeValue> item = found.get(Table.keyString(SeatItems.key(seat)));
      if (item != null) {
        seats.put(seat.seatNo(), SeatItems.seatOf(item));
      }
    }
    return new Found(TicketCountItems.countOf(refused.userId(), refused.concertId(), found.get(Table.keyString(countKey))),
        seats);
  }
}
