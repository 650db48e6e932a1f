package dev.ticketing.reservation;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.CatalogKeys;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Reservations and seat holds in DynamoDB (docs/data-model.md, "Reservations"). */
public final class DynamoReservationStore implements ReservationStore {
  private static final Map<String, String> NAMES = Map.of("#status", "status");

  private final Table table;

  @Inject
  public DynamoReservationStore(Table table) {
    this.table = table;
  }

  @Override
  public HoldResult hold(Reservation reservation) {
    Update takeSeat = Update.builder().tableName(table.name()).key(seatKey(reservation))
        .updateExpression("SET #status = :held, holdUserId = :user, reservationId = :rid, holdExpiresAt = :expires")
        // Free, or held by a hold that is over: never read-then-write, the condition decides.
        .conditionExpression("#price = :price AND (#status = :available OR (#status = :held AND holdExpiresAt <= :now))")
        .expressionAttributeNames(Map.of("#status", "status", "#price", "price"))
        .expressionAttributeValues(Map.of(
            ":held", s(ReservationStatus.HELD.name()), ":available", s("AVAILABLE"),
            ":user", s(reservation.userId()), ":rid", s(reservation.reservationId()),
            ":expires", n(reservation.holdExpiresAt().toEpochMilli()), ":now", n(reservation.heldAt().toEpochMilli()),
            ":price", n(reservation.price())))
        .build();
    TransactionOutcome outcome = table.transact(List.of(
        TransactWriteItem.builder().update(takeSeat).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(itemOf(reservation))
            .conditionExpression("attribute_not_exists(pk)")).build()));
    return outcome.committed() ? HoldResult.HELD : HoldResult.REFUSED;
  }

  @Override
  public Optional<Reservation> find(String reservationId) {
    return table.get(reservationKey(reservationId)).map(DynamoReservationStore::reservationOf);
  }

  @Override
  public List<Reservation> expiredHolds(String concertId, Instant now) {
    return table.queryAll(query -> query.indexName("gsi1")
            .keyConditionExpression("gsi1pk = :holds AND gsi1sk < :overBy")
            .expressionAttributeValues(Map.of(":holds", s(ReservationKeys.holdsIndexPk(concertId)),
                ":overBy", s(ReservationKeys.holdsOverBy(now)))))
        .stream().map(DynamoReservationStore::reservationOf).toList();
  }

  @Override
  public Release release(Reservation expired, Instant now) {
    Map<String, AttributeValue> values = Map.of(
        ":held", s(ReservationStatus.HELD.name()), ":rid", s(expired.reservationId()),
        ":expires", n(expired.holdExpiresAt().toEpochMilli()), ":now", n(now.toEpochMilli()),
        ":available", s("AVAILABLE"), ":expired", s(ReservationStatus.EXPIRED.name()));
    Update freeSeat = Update.builder().tableName(table.name()).key(seatKey(expired))
        .updateExpression("SET #status = :available REMOVE holdUserId, reservationId, holdExpiresAt")
        .conditionExpression("#status = :held AND reservationId = :rid AND holdExpiresAt = :expires AND holdExpiresAt <= :now")
        .expressionAttributeNames(NAMES)
        .expressionAttributeValues(without(values, ":expired"))
        .build();
    Update expire = expireReservation(expired, values);
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

  /**
   * Confirms a hold the way a payment does, without the payment's own items: see
   * {@link HoldConfirmation}. True if the hold was still the caller's and running at {@code now}.
   */
  boolean confirm(Reservation reservation, Instant now) {
    return table.transact(HoldConfirmation.items(table.name(), reservation, now)).committed();
  }

  private Update expireReservation(Reservation expired, Map<String, AttributeValue> values) {
    return Update.builder().tableName(table.name()).key(reservationKey(expired.reservationId()))
        .updateExpression("SET #status = :expired, expiredAt = :now REMOVE gsi1pk, gsi1sk")
        .conditionExpression("#status = :held AND holdExpiresAt = :expires AND holdExpiresAt <= :now")
        .expressionAttributeNames(NAMES)
        .expressionAttributeValues(without(values, ":rid", ":available"))
        .build();
  }

  static Map<String, AttributeValue> seatKey(Reservation reservation) {
    return Items.key(CatalogKeys.concertPk(reservation.concertId()),
        CatalogKeys.seatSk(reservation.scheduleId(), reservation.seatNo()));
  }

  static Map<String, AttributeValue> reservationKey(String reservationId) {
    return Items.key(ReservationKeys.reservationPk(reservationId), ReservationKeys.RESERVATION_SK);
  }

  private static Map<String, AttributeValue> itemOf(Reservation reservation) {
    Map<String, AttributeValue> item = new HashMap<>(reservationKey(reservation.reservationId()));
    item.put("reservationId", s(reservation.reservationId()));
    item.put("userId", s(reservation.userId()));
    item.put("concertId", s(reservation.concertId()));
    item.put("scheduleId", s(reservation.scheduleId()));
    item.put("seatNo", n(reservation.seatNo()));
    item.put("price", n(reservation.price()));
    item.put("status", s(reservation.storedStatus().name()));
    item.put("heldAt", n(reservation.heldAt().toEpochMilli()));
    item.put("holdExpiresAt", n(reservation.holdExpiresAt().toEpochMilli()));
    item.put("gsi1pk", s(ReservationKeys.holdsIndexPk(reservation.concertId())));
    item.put("gsi1sk", s(ReservationKeys.holdsIndexSk(reservation.holdExpiresAt(), reservation.reservationId())));
    return item;
  }

  private static Reservation reservationOf(Map<String, AttributeValue> item) {
    return new Reservation(Items.string(item, "reservationId"), Items.string(item, "userId"),
        Items.string(item, "concertId"), Items.string(item, "scheduleId"), (int) Items.number(item, "seatNo"),
        Items.number(item, "price"), ReservationStatus.valueOf(Items.string(item, "status")),
        Instant.ofEpochMilli(Items.number(item, "heldAt")), Instant.ofEpochMilli(Items.number(item, "holdExpiresAt")),
        item.containsKey("confirmedAt") ? Optional.of(Instant.ofEpochMilli(Items.number(item, "confirmedAt"))) : Optional.empty());
  }

  private static Map<String, AttributeValue> without(Map<String, AttributeValue> values, String... names) {
    Map<String, AttributeValue> copy = new HashMap<>(values);
    for (String name : names) {
      copy.remove(name);
    }
    return copy;
  }
}
