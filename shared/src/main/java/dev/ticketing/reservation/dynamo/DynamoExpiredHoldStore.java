package dev.ticketing.reservation.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.reservation.ExpiredHoldStore;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The release of holds that ran out, in DynamoDB: a Query of the concert's index of holds by
 * expiry, then per hold one transaction that frees its seats and expires the reservation.
 */
@Singleton
final class DynamoExpiredHoldStore implements ExpiredHoldStore {
  private final Table table;

  @Inject
  DynamoExpiredHoldStore(Table table, StoragePriming priming) {
    this.table = table;
    // The index of holds, the release's transaction, the lone seat and reservation updates.
    priming.queryIndex(ReservationItems.HOLDS_INDEX_PREFIX);
    priming.refusedTransaction(ReservationItems.PREFIX);
    priming.refusedUpdate(ReservationItems.PREFIX);
  }

  @Override
  public List<Reservation> expiredHolds(String concertId, Instant now) {
    return table.queryAll(query -> query.indexName("gsi1")
            .keyConditionExpression("gsi1pk = :holds AND gsi1sk < :overBy")
            .expressionAttributeValues(Map.of(":holds", s(ReservationItems.holdsIndexPk(concertId)),
                ":overBy", s(ReservationItems.holdsOverBy(now)))))
        .stream().map(ReservationItems::reservationOf).toList();
  }

  @Override
  public Release release(Reservation expired, Instant now) {
    Update expire = expireReservation(expired, now);
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().update(expire).build());
    expired.seatIds().forEach(seat -> items.add(TransactWriteItem.builder().update(freeSeat(expired, seat, now)).build()));
    TransactionOutcome outcome = table.transact(items);
    if (outcome.committed()) {
      return new Release(expired.seatIds().size(), true);
    }
    if (outcome.conditionFailedAt(0)) {
      return Release.ALREADY_SETTLED;
    }
    // Some seat was taken again after this hold ran out: free the seats it still holds, one by
    // one, then settle the reservation. In this order a run that stops halfway leaves the
    // reservation in the index, and the next run finishes it.
    int freed = 0;
    for (SeatId seat : expired.seatIds()) {
      Update free = freeSeat(expired, seat, now);
      if (table.update(r -> r.key(free.key()).updateExpression(free.updateExpression())
          .conditionExpression(free.conditionExpression()).expressionAttributeNames(free.expressionAttributeNames())
          .expressionAttributeValues(free.expressionAttributeValues()))) {
        freed++;
      }
    }
    boolean settled = table.update(r -> r.key(expire.key()).updateExpression(expire.updateExpression())
        .conditionExpression(expire.conditionExpression()).expressionAttributeNames(expire.expressionAttributeNames())
        .expressionAttributeValues(expire.expressionAttributeValues()));
    return new Release(freed, settled);
  }

  private Update freeSeat(Reservation expired, SeatId seat, Instant now) {
    return SeatItems.release(table.name(), seat, expired.reservationId(), expired.holdExpiresAt(), now);
  }

  /**
   * Out of the index of holds and EXPIRED, only if it is the same hold, it is over, and its seats
   * were not settled yet: stored HELD, or marked EXPIRED by its owner's next hold and still in the
   * index. A reservation confirmed or released is left alone.
   */
  private Update expireReservation(Reservation expired, Instant now) {
    return Update.builder().tableName(table.name()).key(ReservationItems.key(expired.reservationId()))
        .updateExpression("SET #status = :expired, expiredAt = if_not_exists(expiredAt, :now) REMOVE gsi1pk, gsi1sk")
        .conditionExpression("(#status = :held OR (#status = :expired AND attribute_exists(gsi1pk))) "
            + "AND holdExpiresAt = :expires AND holdExpiresAt <= :now")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":held", s(ReservationStatus.HELD.name()),
            ":expired", s(ReservationStatus.EXPIRED.name()), ":expires", n(expired.holdExpiresAt().toEpochMilli()),
            ":now", n(now.toEpochMilli())))
        .build();
  }
}
