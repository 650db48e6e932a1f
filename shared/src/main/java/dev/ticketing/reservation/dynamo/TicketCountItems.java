package dev.ticketing.reservation.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.TicketCount;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.UserPartition;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A user's ticket count of one concert (docs/data-model.md, "Reservations"), in the user's
 * partition: {@code USER#<userId>} / {@code TICKETS#<concertId>}, with {@code holds} (a map from
 * reservation id to {scheduleId, seatNos, expiresAt}: the user's HELD reservations),
 * {@code paidSeats} and {@code version}.
 *
 * <p>The hold writes the whole count it computed from what it read, only if {@code version} is
 * still the one it read; every other writer (a release, a payment) changes one listed hold by its
 * key and adds 1 to {@code version}, so a hold that read before it must read again.
 */
final class TicketCountItems {
  static final String SK_PREFIX = "TICKETS#";

  private TicketCountItems() {}

  static Map<String, AttributeValue> key(String userId, String concertId) {
    return Items.key(UserPartition.pk(userId), SK_PREFIX + concertId);
  }

  static TicketCount countOf(String userId, String concertId, Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return TicketCount.none(userId, concertId);
    }
    Map<String, AttributeValue> listed = item.containsKey("holds") ? item.get("holds").m() : Map.of();
    List<TicketCount.ListedHold> holds = listed.entrySet().stream()
        .map(entry -> {
          Map<String, AttributeValue> hold = entry.getValue().m();
          return new TicketCount.ListedHold(entry.getKey(), Items.string(hold, "scheduleId"),
              hold.get("seatNos").l().stream().map(v -> Integer.parseInt(v.n())).toList(),
              Instant.ofEpochMilli(Items.number(hold, "expiresAt")));
        })
        .sorted(java.util.Comparator.comparing(TicketCount.ListedHold::expiresAt)
            .thenComparing(TicketCount.ListedHold::reservationId))
        .toList();
    return new TicketCount(userId, concertId, holds, (int) numberOr(item, "paidSeats"), numberOr(item, "version"));
  }

  /** The hold's write: the count {@code after}, only over exactly the count {@code seen}. */
  static Update write(String tableName, TicketCount seen, TicketCount after) {
    Map<String, AttributeValue> holds = new LinkedHashMap<>();
    after.holds().forEach(hold -> holds.put(hold.reservationId(), AttributeValue.fromM(Map.of(
        "scheduleId", s(hold.scheduleId()),
        "seatNos", AttributeValue.fromL(hold.seatNos().stream().map(seatNo -> n(seatNo)).toList()),
        "expiresAt", n(hold.expiresAt().toEpochMilli())))));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":holds", AttributeValue.fromM(holds),
        ":paid", n(after.paidSeats()), ":next", n(after.version()), ":user", s(after.userId()),
        ":concert", s(after.concertId())));
    Update.Builder update = Update.builder().tableName(tableName).key(key(seen.userId(), seen.concertId()))
        .updateExpression("SET holds = :holds, paidSeats = :paid, version = :next, userId = :user, concertId = :concert");
    if (seen.version() == 0) {
      update.conditionExpression("attribute_not_exists(pk)");
    } else {
      update.conditionExpression("version = :seen");
      values.put(":seen", n(seen.version()));
    }
    return update.expressionAttributeValues(values).build();
  }

  /** A hold given up: out of the count, only if the count lists it. */
  static Update release(String tableName, String userId, String concertId, String reservationId) {
    return Update.builder().tableName(tableName).key(key(userId, concertId))
        .updateExpression("REMOVE holds.#rid ADD version :one")
        .conditionExpression("attribute_exists(holds.#rid)")
        .expressionAttributeNames(Map.of("#rid", reservationId))
        .expressionAttributeValues(Map.of(":one", n(1)))
        .build();
  }

  /** A hold paid for: its seats move from the listed holds to the paid seats. */
  static Update pay(String tableName, Reservation paid) {
    return Update.builder().tableName(tableName).key(key(paid.userId(), paid.concertId()))
        .updateExpression("REMOVE holds.#rid ADD paidSeats :seats, version :one")
        .conditionExpression("attribute_exists(holds.#rid)")
        .expressionAttributeNames(Map.of("#rid", paid.reservationId()))
        .expressionAttributeValues(Map.of(":seats", n(paid.seats().size()), ":one", n(1)))
        .build();
  }

  private static long numberOr(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Items.number(item, name) : 0;
  }
}
