package dev.ticketing.reservation.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The seat and reservation half of a payment's transaction (docs/data-model.md,
 * "Reservations"): the seat goes HELD -> SOLD and the reservation HELD -> CONFIRMED, only if
 * the seat is still held by the reservation's owner under this reservation with a hold running
 * at {@code now}. Public because the payment's adapter puts these items into its own
 * TransactWriteItems beside the balance, the payment record and the token; if either condition
 * here fails, nothing of it happens, and the hold was expired or lost ({@code 409 HOLD_EXPIRED}).
 * The release step's conditions exclude these, so a hold is either confirmed or released, never
 * both.
 */
public final class HoldConfirmation {
  private HoldConfirmation() {}

  /** Index 0 is the seat, index 1 the reservation, for reading cancellation reasons. */
  public static List<TransactWriteItem> items(String tableName, Reservation reservation, Instant now) {
    Update sell = SeatItems.sell(tableName, reservation.seat(), reservation.userId(), reservation.reservationId(), now);
    Update confirm = Update.builder().tableName(tableName).key(ReservationItems.key(reservation.reservationId()))
        .updateExpression("SET #status = :confirmed, confirmedAt = :now REMOVE gsi1pk, gsi1sk")
        .conditionExpression("#status = :held AND userId = :user AND holdExpiresAt > :now")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":confirmed", s(ReservationStatus.CONFIRMED.name()),
            ":held", s(ReservationStatus.HELD.name()), ":user", s(reservation.userId()), ":now", n(now.toEpochMilli())))
        .build();
    return List.of(TransactWriteItem.builder().update(sell).build(), TransactWriteItem.builder().update(confirm).build());
  }
}
