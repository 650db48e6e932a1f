package dev.ticketing.reservation.dynamo;

import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.domain.InstanceRandom;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.TicketCount;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a test table directly, to check what the code under test left behind. Scans are fine here. */
public final class ReservationTables {
  private ReservationTables() {}

  public static Map<String, AttributeValue> seat(TestTable table, String concertId, String scheduleId, int seatNo) {
    return table.client().getItem(r -> r.tableName(table.name()).consistentRead(true)
        .key(SeatItems.key(new SeatId(concertId, scheduleId, seatNo)))).item();
  }

  public static Map<String, AttributeValue> reservation(TestTable table, String reservationId) {
    return table.client().getItem(r -> r.tableName(table.name()).consistentRead(true)
        .key(ReservationItems.key(reservationId))).item();
  }

  /** The user's ticket count of the concert, as stored ({@link TicketCount#none} if there is no item). */
  public static TicketCount count(TestTable table, String userId, String concertId) {
    return TicketCountItems.countOf(userId, concertId, table.client().getItem(r -> r.tableName(table.name())
        .consistentRead(true).key(TicketCountItems.key(userId, concertId))).item());
  }

  /** Stores an item as it is given, such as a reservation or payment in the shape stored before orders existed. */
  public static void put(TestTable table, Map<String, AttributeValue> item) {
    table.client().putItem(r -> r.tableName(table.name()).item(item));
  }

  /** A reservation's key, for items written by hand. */
  public static Map<String, AttributeValue> reservationKey(String reservationId) {
    return ReservationItems.key(reservationId);
  }

  public static List<Map<String, AttributeValue>> allReservations(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true)).items().stream()
        .filter(item -> Items.string(item, "pk").startsWith(ReservationItems.PREFIX))
        .toList();
  }

  /**
   * Confirms a hold the way a payment does (seats, reservation, ticket count), without the
   * payment's own items (balance, record, token): true if the hold was still the caller's and
   * running at {@code now}.
   */
  public static boolean confirm(TestTable table, Reservation reservation, Instant now) {
    Table direct = new Table(table.client(), table.name(), new InstanceRandom(), Metrics.NONE);
    return direct.transact(HoldConfirmation.items(table.name(), reservation, now)).committed();
  }
}
