package dev.ticketing.reservation.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The reservation's half of a payment's transaction (docs/data-model.md, "Confirmation"): the
 * reservation HELD -> CONFIRMED, every seat HELD -> SOLD, and the holder's ticket count moving
 * the seats from the listed holds to the paid ones; each only if the hold is still the owner's and
 * running at {@code now}. Public because the payment's adapter puts these items into its own
 * TransactWriteItems beside the balance, the payment record and the token; if any condition here
 * fails, nothing of it happens, and the hold was expired, given up or lost
 * ({@code 409 HOLD_EXPIRED}). The release steps' conditions exclude these, so a hold is either
 * confirmed or released, never both.
 */
public final class HoldConfirmation {
  /** Where the reservation's update is among {@link #items}; the seats follow it, then the count. */
  public static final int RESERVATION = 0;

  private HoldConfirmation() {}

  /** The reservation first ({@link #RESERVATION}), then its seats in order, then the ticket count. */
  public static List<TransactWriteItem> items(String tableName, Reservation reservation, Instant now) {
    List<TransactWriteItem> items = new ArrayList<>();
    Update confirm = Update.builder().tableName(tableName).key(ReservationItems.key(reservation.reservationId()))
        .updateExpression("SET #status = :confirmed, confirmedAt = :now REMOVE gsi1pk, gsi1sk")
        .conditionExpression("#status = :held AND userId = :user AND holdExpiresAt > :now")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":confirmed", s(ReservationStatus.CONFIRMED.name()),
            ":held", s(ReservationStatus.HELD.name()), ":user", s(reservation.userId()), ":now", n(now.toEpochMilli())))
        .build();
    items.add(TransactWriteItem.builder().update(confirm).build());
    reservation.seatIds().forEach(seat -> items.add(TransactWriteItem.builder()
        .update(SeatItems.sell(tableName, seat, reservation.userId(), reservation.reservationId(), now)).build()));
    items.add(TransactWriteItem.builder().update(TicketCountItems.pay(tableName, reservation)).build());
    return items;
  }
}
