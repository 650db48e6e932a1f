package dev.ticketing.catalog.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.SeatHold;
import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.storage.Items;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The one owner of seat items (docs/data-model.md, "Catalogue" and "Reservations"): their key,
 * their attributes, and the conditions under which a seat is held, freed and sold. Every reader
 * and writer of seats goes through it: the seat map and the seeding here, the hold, its release
 * when it ran out or was given up (reservation), the sale in the payment's transaction. Public because those writes are
 * items of other features' transactions, built by their adapters.
 *
 * <p>The conditions exclude each other where it matters: a release matches only a hold that
 * is over, a sale only one still running, so a hold is either sold or freed, never both; a hold
 * given up is freed in the transaction that moves its reservation from HELD to RELEASED, which a
 * sale's transaction (HELD to CONFIRMED) excludes.
 */
public final class SeatItems {
  private static final Map<String, String> STATUS = Map.of("#status", "status");

  private SeatItems() {}

  public static Map<String, AttributeValue> key(SeatId seat) {
    return Items.key(CatalogItems.concertPk(seat.concertId()),
        CatalogItems.schedulePrefix(seat.scheduleId()) + String.format("SEAT#%02d", seat.seatNo()));
  }

  /** A seat as seeding writes it: AVAILABLE, priced by its section. */
  static Map<String, AttributeValue> available(SeatId seat, String section, long price) {
    Map<String, AttributeValue> item = new HashMap<>(key(seat));
    item.put("concertId", s(seat.concertId()));
    item.put("scheduleId", s(seat.scheduleId()));
    item.put("seatNo", n(seat.seatNo()));
    item.put("section", s(section));
    item.put("price", n(price));
    item.put("status", s(SeatStatus.AVAILABLE.name()));
    return item;
  }

  /** The seat as stored. */
  public static Seat seatOf(Map<String, AttributeValue> item) {
    SeatStatus status = SeatStatus.valueOf(Items.string(item, "status"));
    Optional<SeatHold> hold = item.containsKey("reservationId") && item.containsKey("holdExpiresAt")
        ? Optional.of(new SeatHold(Items.string(item, "holdUserId"), Items.string(item, "reservationId"),
            Instant.ofEpochMilli(Items.number(item, "holdExpiresAt"))))
        : Optional.empty();
    return new Seat(Items.string(item, "concertId"), Items.string(item, "scheduleId"), (int) Items.number(item, "seatNo"),
        Items.number(item, "price"), status, hold);
  }

  /**
   * Takes the seat for {@code hold}: only if it costs {@code price} and is AVAILABLE, or HELD by
   * a hold over at {@code now}. Never read-then-write: the condition decides who gets a seat.
   */
  public static Update hold(String tableName, SeatId seat, SeatHold hold, long price, Instant now) {
    return Update.builder().tableName(tableName).key(key(seat))
        .updateExpression("SET #status = :held, holdUserId = :user, reservationId = :rid, holdExpiresAt = :expires")
        .conditionExpression("#price = :price AND (#status = :available OR (#status = :held AND holdExpiresAt <= :now))")
        .expressionAttributeNames(Map.of("#status", "status", "#price", "price"))
        .expressionAttributeValues(Map.of(
            ":held", s(SeatStatus.HELD.name()), ":available", s(SeatStatus.AVAILABLE.name()),
            ":user", s(hold.userId()), ":rid", s(hold.reservationId()),
            ":expires", n(hold.expiresAt().toEpochMilli()), ":now", n(now.toEpochMilli()), ":price", n(price)))
        .build();
  }

  /**
   * Frees the seat of a hold that ran out: only if that hold (its reservation, its expiry) still
   * has it and is over by {@code now}. A seat sold or held again since is left alone.
   */
  public static Update release(String tableName, SeatId seat, String reservationId, Instant holdExpiresAt, Instant now) {
    return Update.builder().tableName(tableName).key(key(seat))
        .updateExpression("SET #status = :available REMOVE holdUserId, reservationId, holdExpiresAt")
        .conditionExpression("#status = :held AND reservationId = :rid AND holdExpiresAt = :expires AND holdExpiresAt <= :now")
        .expressionAttributeNames(STATUS)
        .expressionAttributeValues(Map.of(":held", s(SeatStatus.HELD.name()), ":available", s(SeatStatus.AVAILABLE.name()),
            ":rid", s(reservationId), ":expires", n(holdExpiresAt.toEpochMilli()), ":now", n(now.toEpochMilli())))
        .build();
  }

  /**
   * Frees a seat its holder gives up (a hold released by its owner, or after the owner paid for
   * another order): only if it is still HELD under {@code reservationId}. The reservation's own
   * condition in the same transaction says the hold is still running.
   */
  public static Update giveBack(String tableName, SeatId seat, String reservationId) {
    return Update.builder().tableName(tableName).key(key(seat))
        .updateExpression("SET #status = :available REMOVE holdUserId, reservationId, holdExpiresAt")
        .conditionExpression("#status = :held AND reservationId = :rid")
        .expressionAttributeNames(STATUS)
        .expressionAttributeValues(Map.of(":held", s(SeatStatus.HELD.name()), ":available", s(SeatStatus.AVAILABLE.name()),
            ":rid", s(reservationId)))
        .build();
  }

  /**
   * Sells the seat to its holder: only if it is still HELD by {@code userId} under
   * {@code reservationId} with the hold running at {@code now}.
   */
  public static Update sell(String tableName, SeatId seat, String userId, String reservationId, Instant now) {
    return Update.builder().tableName(tableName).key(key(seat))
        .updateExpression("SET #status = :sold, soldAt = :now REMOVE holdExpiresAt")
        .conditionExpression("#status = :held AND holdUserId = :user AND reservationId = :rid AND holdExpiresAt > :now")
        .expressionAttributeNames(STATUS)
        .expressionAttributeValues(Map.of(":sold", s(SeatStatus.SOLD.name()), ":held", s(SeatStatus.HELD.name()),
            ":user", s(userId), ":rid", s(reservationId), ":now", n(now.toEpochMilli())))
        .build();
  }
}
