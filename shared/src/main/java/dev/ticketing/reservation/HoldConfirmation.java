package dev.ticketing.reservation;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The seat and reservation half of a payment's transaction (docs/data-model.md,
 * "Reservations"): the seat goes HELD -> SOLD and the reservation HELD -> CONFIRMED, only if
 * the seat is still held by the reservation's owner under this reservation with a hold running
 * at {@code now}. A payment adds its own items (balance, payment record, token) to the same
 * TransactWriteItems; if either condition here fails, nothing of it happens, and the hold was
 * expired or lost ({@code 409 HOLD_EXPIRED}). The release step's conditions exclude these, so a
 * hold is either confirmed or released, never both.
 */
public final class HoldConfirmation {
  private HoldConfirmation() {}

  /** Index 0 is the seat, index 1 the reservation, for reading cancellation reasons. */
  public static List<TransactWriteItem> items(String tableName, Reservation reservation, Instant now) {
    Map<String, String> names = Map.of("#status", "status");
    Update sell = Update.builder().tableName(tableName).key(DynamoReservationStore.seatKey(reservation))
        .updateExpression("SET #status = :sold, soldAt = :now REMOVE holdExpiresAt")
        .conditionExpression("#status = :held AND holdUserId = :user AND reservationId = :rid AND holdExpiresAt > :now")
        .expressionAttributeNames(names)
        .expressionAttributeValues(Map.of(":sold", s("SOLD"), ":held", s(ReservationStatus.HELD.name()),
            ":user", s(reservation.userId()), ":rid", s(reservation.reservationId()), ":now", n(now.toEpochMilli())))
        .build();
    Update confirm = Update.builder().tableName(tableName).key(DynamoReservationStore.reservationKey(reservation.reservationId()))
        .updateExpression("SET #status = :confirmed, confirmedAt = :now REMOVE gsi1pk, gsi1sk")
        .conditionExpression("#status = :held AND userId = :user AND holdExpiresAt > :now")
        .expressionAttributeNames(names)
        .expressionAttributeValues(Map.of(":confirmed", s(ReservationStatus.CONFIRMED.name()),
            ":held", s(ReservationStatus.HELD.name()), ":user", s(reservation.userId()), ":now", n(now.toEpochMilli())))
        .build();
    return List.of(TransactWriteItem.builder().update(sell).build(), TransactWriteItem.builder().update(confirm).build());
  }
}
