package dev.ticketing.reservation;

import dev.ticketing.catalog.CatalogKeys;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.storage.Items;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a test table directly, to check what the code under test left behind. Scans are fine here. */
final class ReservationTables {
  private ReservationTables() {}

  static Map<String, AttributeValue> seat(TestTable table, String concertId, String scheduleId, int seatNo) {
    return table.client().getItem(r -> r.tableName(table.name()).consistentRead(true)
        .key(Items.key(CatalogKeys.concertPk(concertId), CatalogKeys.seatSk(scheduleId, seatNo)))).item();
  }

  static Map<String, AttributeValue> reservation(TestTable table, String reservationId) {
    return table.client().getItem(r -> r.tableName(table.name()).consistentRead(true)
        .key(DynamoReservationStore.reservationKey(reservationId))).item();
  }

  static List<Map<String, AttributeValue>> allReservations(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true)).items().stream()
        .filter(item -> Items.string(item, "pk").startsWith("RESERVATION#"))
        .toList();
  }
}
