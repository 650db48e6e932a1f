package dev.ticketing.reservation.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.storage.Items;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reservation items and the index of holds by expiry (docs/data-model.md, "Reservations"):
 * {@code RESERVATION#<reservationId>} / {@code RESERVATION}; while HELD, an item also sits in the
 * gsi1 partition {@code HOLDS#<concertId>}, ordered by expiry.
 */
final class ReservationItems {
  static final String PREFIX = "RESERVATION#";
  static final String HOLDS_INDEX_PREFIX = "HOLDS#";
  private static final String RESERVATION_SK = "RESERVATION";

  private ReservationItems() {}

  static Map<String, AttributeValue> key(String reservationId) {
    return Items.key(PREFIX + reservationId, RESERVATION_SK);
  }

  /** The gsi1 partition of a concert's running holds; only HELD reservations carry it. */
  static String holdsIndexPk(String concertId) {
    return HOLDS_INDEX_PREFIX + concertId;
  }

  /** Ordered by expiry: epoch millis zero-padded so that string order is time order. */
  static String holdsIndexSk(Instant holdExpiresAt, String reservationId) {
    return String.format("%015d#%s", holdExpiresAt.toEpochMilli(), reservationId);
  }

  /** Every sort key below this bound belongs to a hold over by {@code now} (expiry <= now). */
  static String holdsOverBy(Instant now) {
    return String.format("%015d", now.toEpochMilli() + 1);
  }

  static Map<String, AttributeValue> itemOf(Reservation reservation) {
    Map<String, AttributeValue> item = new HashMap<>(key(reservation.reservationId()));
    item.put("reservationId", s(reservation.reservationId()));
    item.put("userId", s(reservation.userId()));
    item.put("concertId", s(reservation.concertId()));
    item.put("scheduleId", s(reservation.scheduleId()));
    item.put("seatNo", n(reservation.seatNo()));
    item.put("price", n(reservation.price()));
    item.put("status", s(reservation.storedStatus().name()));
    item.put("heldAt", n(reservation.heldAt().toEpochMilli()));
    item.put("holdExpiresAt", n(reservation.holdExpiresAt().toEpochMilli()));
    item.put("gsi1pk", s(holdsIndexPk(reservation.concertId())));
    item.put("gsi1sk", s(holdsIndexSk(reservation.holdExpiresAt(), reservation.reservationId())));
    return item;
  }

  static Reservation reservationOf(Map<String, AttributeValue> item) {
    return new Reservation(Items.string(item, "reservationId"), Items.string(item, "userId"),
        Items.string(item, "concertId"), Items.string(item, "scheduleId"), (int) Items.number(item, "seatNo"),
        Items.number(item, "price"), ReservationStatus.valueOf(Items.string(item, "status")),
        Instant.ofEpochMilli(Items.number(item, "heldAt")), Instant.ofEpochMilli(Items.number(item, "holdExpiresAt")),
        item.containsKey("confirmedAt") ? Optional.of(Instant.ofEpochMilli(Items.number(item, "confirmedAt"))) : Optional.empty());
  }
}
