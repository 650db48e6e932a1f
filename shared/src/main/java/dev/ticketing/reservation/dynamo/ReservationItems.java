package dev.ticketing.reservation.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.reservation.ReservedSeat;
import dev.ticketing.storage.Items;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Reservation items and the index of holds by expiry (docs/data-model.md, "Reservations"):
 * {@code RESERVATION#<reservationId>} / {@code RESERVATION}; while its seats may be stored HELD, an
 * item also sits in the gsi1 partition {@code HOLDS#<concertId>}, ordered by expiry. An order's
 * seats are the list {@code seats} of {seatNo, price}; {@code price} is their sum.
 */
final class ReservationItems {
  static final String PREFIX = "RESERVATION#";
  static final String HOLDS_INDEX_PREFIX = "HOLDS#";
  private static final String RESERVATION_SK = "RESERVATION";
  private static final Map<String, String> STATUS = Map.of("#status", "status");

  private ReservationItems() {}

  static Map<String, AttributeValue> key(String reservationId) {
    return Items.key(PREFIX + reservationId, RESERVATION_SK);
  }

  /** The gsi1 partition of a concert's holds; only reservations whose seats may still be HELD carry it. */
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
    item.put("seats", AttributeValue.fromL(reservation.seats().stream()
        .map(seat -> AttributeValue.fromM(Map.of("seatNo", n(seat.seatNo()), "price", n(seat.price()))))
        .toList()));
    item.put("price", n(reservation.price()));
    item.put("status", s(reservation.storedStatus().name()));
    item.put("heldAt", n(reservation.heldAt().toEpochMilli()));
    item.put("holdExpiresAt", n(reservation.holdExpiresAt().toEpochMilli()));
    item.put("gsi1pk", s(holdsIndexPk(reservation.concertId())));
    item.put("gsi1sk", s(holdsIndexSk(reservation.holdExpiresAt(), reservation.reservationId())));
    return item;
  }

  static Reservation reservationOf(Map<String, AttributeValue> item) {
    List<ReservedSeat> seats = item.get("seats").l().stream()
        .map(seat -> new ReservedSeat((int) Items.number(seat.m(), "seatNo"), Items.number(seat.m(), "price")))
        .toList();
    return new Reservation(Items.string(item, "reservationId"), Items.string(item, "userId"),
        Items.string(item, "concertId"), Items.string(item, "scheduleId"), seats,
        ReservationStatus.valueOf(Items.string(item, "status")),
        Instant.ofEpochMilli(Items.number(item, "heldAt")), Instant.ofEpochMilli(Items.number(item, "holdExpiresAt")),
        item.containsKey("confirmedAt") ? Optional.of(Instant.ofEpochMilli(Items.number(item, "confirmedAt"))) : Optional.empty());
  }

  /**
   * A listed hold of the caller's that is over, marked EXPIRED by the caller's next hold in the
   * same transaction that drops it from the ticket count. It keeps its place in the index of holds
   * (the release of expired holds frees its seats and takes it out). Also if that release already
   * marked it: the condition admits HELD and EXPIRED, and nothing else can be listed.
   */
  static Update expireOwn(String tableName, String reservationId, String userId, Instant now) {
    return Update.builder().tableName(tableName).key(key(reservationId))
        .updateExpression("SET #status = :expired, expiredAt = if_not_exists(expiredAt, :now)")
        .conditionExpression("userId = :user AND holdExpiresAt <= :now AND (#status = :held OR #status = :expired)")
        .expressionAttributeNames(STATUS)
        .expressionAttributeValues(Map.of(":expired", s(ReservationStatus.EXPIRED.name()),
            ":held", s(ReservationStatus.HELD.name()), ":user", s(userId), ":now", n(now.toEpochMilli())))
        .build();
  }

  /** HELD -> RELEASED, out of the index of holds, only if the owner's hold is still running at {@code now}. */
  static Update release(String tableName, String reservationId, String userId, Instant now) {
    return Update.builder().tableName(tableName).key(key(reservationId))
        .updateExpression("SET #status = :released, releasedAt = :now REMOVE gsi1pk, gsi1sk")
        .conditionExpression("#status = :held AND userId = :user AND holdExpiresAt > :now")
        .expressionAttributeNames(STATUS)
        .expressionAttributeValues(Map.of(":released", s(ReservationStatus.RELEASED.name()),
            ":held", s(ReservationStatus.HELD.name()), ":user", s(userId), ":now", n(now.toEpochMilli())))
        .build();
  }
}
