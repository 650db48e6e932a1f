package dev.ticketing.reservation.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.reservation.ExpiredHoldStore;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The release of holds that ran out, in DynamoDB: a Query of the concert's index of holds by
 * expiry, then per hold one transaction that frees the seat and expires the reservation.
 */
@Singleton
final class DynamoExpiredHoldStore implements ExpiredHoldStore {
  private final Table table;

  @Inject
  DynamoExpiredHoldStore(Table table, StoragePriming priming) {
    this.table = table;
    // The index of holds, the release's transaction, the lone reservation update.
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
    Update freeSeat = SeatItems.release(table.name(), expired.seat(), expired.reservationId(), expired.holdExpiresAt(), now);
    Update expire = expireReservation(expired, now);
    TransactionOutcome outcome = table.transact(List.of(
        TransactWriteItem.builder().update(freeSeat).build(),
        TransactWriteItem.builder().update(expire).build()));
    if (outcome.committed()) {
      return Release.SEAT_FREED;
    }
    if (outcome.conditionFailedAt(1)) {
      return Release.ALREADY_SETTLED;
    }
    // The seat was taken again after this hold ran out: only the reservation is left to settle.
    boolean settledNow = table.update(r -> r
        .key(expire.key()).updateExpression(expire.updateExpression()).conditionExpression(expire.conditionExpression())
        .expressionAttributeNames(expire.expressionAttributeNames())
        .expressionAttributeValues(expire.expressionAttributeValues()));
    return settledNow ? Release.RESERVATION_EXPIRED : Release.ALREADY_SETTLED;
  }

  /** HELD -> EXPIRED, out of the index of holds, only if it is the same hold and it is over. */
  private Update expireReservation(Reservation expired, Instant now) {
    return Update.builder().tableName(table.name()).key(ReservationItems.key(expired.reservationId()))
        .updateExpression("SET #status = :expired, expiredAt = :now REMOVE gsi1pk, gsi1sk")
        .conditionExpression("#status = :held AND holdExpiresAt = :expires AND holdExpiresAt <= :now")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":held", s(ReservationStatus.HELD.name()),
            ":expired", s(ReservationStatus.EXPIRED.name()), ":expires", n(expired.holdExpiresAt().toEpochMilli()),
            ":now", n(now.toEpochMilli())))
        .build();
  }
}
