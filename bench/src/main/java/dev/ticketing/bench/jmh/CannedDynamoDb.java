package dev.ticketing.bench.jmh;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDbClient that answers from fixed items, in memory, without the SDK's request pipeline:
 * the handler, Jackson and the use cases run, storage costs nothing. Every write succeeds.
 */
final class CannedDynamoDb implements DynamoDbClient {
  static final String USER = "bench-user";
  static final String CONCERT = "winter-gala";
  static final String SCHEDULE = "winter-gala-2100-12-24";
  static final String TOKEN = CONCERT + ".BENCHBENCHBENCHBENCHBENCHBENCHBE";
  static final String RESERVATION = "BENCHBENCHBENCHBENCHBE";
  private static final long FAR = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
  private static final String TABLE = "bench-canned";

  private final Map<String, AttributeValue> activeToken = token("ACTIVE");
  private final Map<String, AttributeValue> waitingToken = token("WAITING");
  private final Map<String, AttributeValue> counters = Map.of("pk", s("QUEUE#" + CONCERT), "sk", s("STATE"),
      "placedThrough", n(5000), "placesWrittenThrough", n(5000), "admitted", n(1000), "ended", n(950),
      "activatedThrough", n(1000), "lastAdmissionAt", n(FAR - 60_000), "admissionsPerSecond", AttributeValue.fromN("10.5"));
  private final Map<String, AttributeValue> queueState = Map.of("pk", s("QSTATE#" + CONCERT + "#0"), "sk", s("STATE"),
      "saleState", s("OPEN"), "admittedThrough", n(1000), "placedThrough", n(5000), "activeUsers", n(50),
      "maxActive", n(100), "admissionsPerSecond", AttributeValue.fromN("10.5"), "updatedAt", n(FAR - 1_000));
  private final Map<String, AttributeValue> concert = Map.of("pk", s("CONCERT#" + CONCERT), "sk", s("CONCERT"), "gsi1pk", s("CONCERTS"),
      "gsi1sk", s(CONCERT), "concertId", s(CONCERT), "title", s("Winter Gala"), "artist", s("Seoul Philharmonic Orchestra"),
      "venue", s("Lotte Concert Hall"));
  private final QueryResponse concerts = QueryResponse.builder().items(concert, concert, concert).count(3).build();
  private final QueryResponse oneDate = QueryResponse.builder().items(date(SCHEDULE)).build();
  private final QueryResponse fiveDates;
  private final QueryResponse payments;
  private final GetItemResponse reservation;

  CannedDynamoDb() {
    List<Map<String, AttributeValue>> all = new ArrayList<>();
    for (int d = 0; d < 5; d++) {
      all.addAll(date(d == 0 ? SCHEDULE : SCHEDULE + "-" + d));
    }
    fiveDates = QueryResponse.builder().items(all).build();
    List<Map<String, AttributeValue>> history = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      history.add(Map.of("pk", s("USER#" + USER), "sk", s(String.format("PAYMENT#%015d#R%d", FAR - i, i)), "paymentId", s("P" + i),
          "reservationId", s("R" + i), "userId", s(USER), "amount", n(150_000), "paidAt", n(FAR - i), "concertId", s(CONCERT),
          "scheduleId", s(SCHEDULE), "seatNos", AttributeValue.fromL(List.of(n(7 + i)))));
    }
    payments = QueryResponse.builder().items(history).build();
    Map<String, AttributeValue> held = new HashMap<>();
    held.put("pk", s("RESERVATION#" + RESERVATION));
    held.put("sk", s("RESERVATION"));
    held.put("reservationId", s(RESERVATION));
    held.put("userId", s(USER));
    held.put("concertId", s(CONCERT));
    held.put("scheduleId", s(SCHEDULE));
    held.put("seats", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("seatNo", n(7), "price", n(150_000))))));
    held.put("price", n(150_000));
    held.put("status", s("HELD"));
    held.put("heldAt", n(FAR - 60_000));
    held.put("holdExpiresAt", n(FAR));
    reservation = GetItemResponse.builder().item(held).build();
  }

  private static Map<String, AttributeValue> token(String status) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("TOKEN#" + TOKEN.substring(TOKEN.indexOf('.') + 1)));
    item.put("sk", s("TOKEN"));
    item.put("token", s(TOKEN));
    item.put("userId", s(USER));
    item.put("concertId", s(CONCERT));
    item.put("receiptId", s("BENCHBENCHBENCHBENCHBE"));
    item.put("place", n(1234));
    item.put("status", s(status));
    item.put("joinedAt", n(FAR - 3_600_000));
    if (status.equals("ACTIVE")) {
      item.put("activatedAt", n(FAR - 600_000));
      item.put("activeUntil", n(FAR));
      item.put("firstUsedAt", n(FAR - 500_000));
    }
    return Map.copyOf(item);
  }

  private static List<Map<String, AttributeValue>> date(String scheduleId) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    items.add(Map.of("pk", s("CONCERT#" + CONCERT), "sk", s("SCHEDULE#" + scheduleId + "#INFO"), "concertId", s(CONCERT),
        "scheduleId", s(scheduleId), "date", s("2100-12-24"), "startsAt", s("2100-12-24T10:00:00Z"), "totalSeats", n(50)));
    for (int seat = 1; seat <= 50; seat++) {
      items.add(Map.of("pk", s("CONCERT#" + CONCERT), "sk", s(String.format("SCHEDULE#%s#SEAT#%02d", scheduleId, seat)),
          "concertId", s(CONCERT), "scheduleId", s(scheduleId), "seatNo", n(seat), "section", s(seat <= 10 ? "VIP" : "R"),
          "price", n(seat <= 10 ? 150_000 : 90_000), "status", s(seat % 3 == 0 ? "SOLD" : "AVAILABLE")));
    }
    return items;
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    String pk = request.key().get("pk").s();
    String sk = request.key().get("sk").s();
    if (pk.startsWith("TOKEN#")) {
      return GetItemResponse.builder().item(Boolean.TRUE.equals(request.consistentRead()) ? activeToken : waitingToken).build();
    } else if (pk.startsWith("QSTATE#")) {
      return GetItemResponse.builder().item(queueState).build();
    } else if (pk.startsWith("QUEUE#")) {
      return GetItemResponse.builder().item(counters).build();
    } else if (pk.startsWith("RESERVATION#")) {
      return reservation;
    } else if (sk.equals("BALANCE")) {
      return GetItemResponse.builder().item(Map.of("pk", s(pk), "sk", s(sk), "balance", n(1_000_000))).build();
    }
    return GetItemResponse.builder().build();
  }

  @Override
  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    // The gated reads of the hold and the payment read the token with the caller's ticket count
    // (USER#, none here): that token is ACTIVE. The status poll reads it with the queue's counters.
    boolean gated = request.requestItems().values().stream()
        .anyMatch(keys -> keys.keys().stream().anyMatch(key -> key.get("pk").s().startsWith("USER#")));
    request.requestItems().values().forEach(keys -> keys.keys().forEach(key -> {
      String pk = key.get("pk").s();
      if (pk.startsWith("TOKEN#")) {
        found.add(gated ? activeToken : waitingToken);
      } else if (pk.startsWith("QUEUE#")) {
        found.add(counters);
      } else if (pk.startsWith("CONCERT#")) {
        found.add(concert);
      }
    }));
    return BatchGetItemResponse.builder().responses(Map.of(request.requestItems().keySet().iterator().next(), found)).build();
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    if ("gsi1".equals(request.indexName())) {
      return concerts;
    }
    String pk = request.expressionAttributeValues().get(":pk").s();
    if (pk.startsWith("USER#")) {
      return payments;
    }
    AttributeValue prefix = request.expressionAttributeValues().get(":prefix");
    return prefix != null && prefix.s().equals("SCHEDULE#") ? fiveDates : oneDate;
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return request.key().get("pk").s().startsWith("QUEUE#") ? UpdateItemResponse.builder().attributes(counters).build()
        : UpdateItemResponse.builder().build();
  }

  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    return TransactWriteItemsResponse.builder().build();
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    return PutItemResponse.builder().build();
  }

  @Override
  public String serviceName() {
    return "dynamodb";
  }

  @Override
  public void close() {}

  static String table() {
    return TABLE;
  }
}
