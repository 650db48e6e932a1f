package dev.ticketing.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Holds that ran out a minute ago, written straight into a table: the next run of the release
 * step has that many to settle, which keeps a maintenance round busy for a while (the shutdown
 * tests stop the runtime in the middle of one).
 */
final class ExpiredHolds {
  private ExpiredHolds() {}

  static void write(DynamoDbClient client, String table, String concertId, int count) {
    long expired = Instant.now().minusSeconds(60).toEpochMilli();
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("expired-hold-%04d", i);
      writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.ofEntries(
          Map.entry("pk", s("RESERVATION#" + id)), Map.entry("sk", s("RESERVATION")),
          Map.entry("reservationId", s(id)), Map.entry("userId", s("user-" + i)), Map.entry("concertId", s(concertId)),
          Map.entry("scheduleId", s(concertId + "-2099-01-01")), Map.entry("seats", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("seatNo", n(1 + i % 50), "price", n(80_000)))))),
          Map.entry("price", n(80_000)),
          Map.entry("status", s("HELD")), Map.entry("heldAt", n(expired - 300_000)), Map.entry("holdExpiresAt", n(expired)),
          Map.entry("gsi1pk", s("HOLDS#" + concertId)), Map.entry("gsi1sk", s(String.format("%015d#%s", expired, id)))))
          .build()).build());
    }
    for (int start = 0; start < writes.size(); start += 25) {
      List<WriteRequest> batch = writes.subList(start, Math.min(writes.size(), start + 25));
      client.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
    }
  }

  /** The concert's holds still in the index of running holds. */
  static int left(DynamoDbClient client, String table, String concertId) {
    return client.query(r -> r.tableName(table).indexName("gsi1").select(Select.COUNT)
        .keyConditionExpression("gsi1pk = :holds")
        .expressionAttributeValues(Map.of(":holds", s("HOLDS#" + concertId)))).count();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(String.valueOf(value));
  }
}
