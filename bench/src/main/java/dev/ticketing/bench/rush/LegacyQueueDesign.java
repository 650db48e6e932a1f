package dev.ticketing.bench.rush;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * A MODEL, NOT PRODUCTION CODE: the storage requests of the queue as it was with one counter per concert
 * ({@code DynamoQueueStore.joinContext/nextSequence/insert/polledTokenInQueue} and
 * {@code AdmitWaitingUsers} at commit 6ce6e7e), rewritten against the raw client so that the rush
 * benchmark can put the old design under the same load and the same throttle as the new one after
 * the production code has changed. Same keys, attributes, conditions and consistency, so the same
 * capacity units (docs/performance.md section 1: a new token 2.0 read and 7.0 write units, a
 * status poll 1.0 read unit; the rush self-check compares).
 *
 * <ul>
 *   <li>join: BatchGetItem (concert item, the user's latest-token item), consistent; UpdateItem
 *       {@code ADD issued :one} on the counters item {@code QUEUE#<concertId>/STATE}; TransactWriteItems
 *       (token put, slot {@code QUEUE#<concertId>/SEQ#n} put, latest-token put). The place is the number.
 *   <li>poll: BatchGetItem (token, counters), eventually consistent; once more consistently if the token is not found.
 *   <li>maintenance round, a minimal admission: list the concerts (gsi1 {@code CONCERTS}), the admitted
 *       sessions (gsi1 {@code ADMITTED#<concertId>}, ending none: a run is shorter than any session),
 *       the counters (consistent GetItem), the cursor's compare-and-set, the slots (BatchGetItem), one
 *       conditional UpdateItem per admitted token, the activation's compare-and-set.
 * </ul>
 * As the old {@code Table.batchGet}, unprocessed keys are sent again at once, without backoff.
 */
public final class LegacyQueueDesign implements QueueDesign {
  private static final int JOIN_ATTEMPTS = 4;
  private static final int CONFLICT_ATTEMPTS = 6;
  private static final long KEEP_UNADMITTED_SECONDS = 7 * 24 * 3600;

  @Override
  public String name() {
    return "one counter (legacy)";
  }

  @Override
  public void prepare(Stage stage, DynamoDbClient client) {
    Map<String, AttributeValue> concert = new HashMap<>();
    concert.put("pk", s("CONCERT#" + stage.concertId()));
    concert.put("sk", s("CONCERT"));
    concert.put("gsi1pk", s("CONCERTS"));
    concert.put("gsi1sk", s(stage.concertId()));
    concert.put("concertId", s(stage.concertId()));
    concert.put("title", s("Rush benchmark"));
    concert.put("artist", s("The Benchmarks"));
    concert.put("venue", s("Loopback Hall"));
    client.putItem(r -> r.tableName(stage.table()).item(concert));
  }

  @Override
  public FunctionInstance newInstance(Stage stage, DynamoDbClient client) {
    return new Instance(stage, client, Integer.parseInt(stage.environment().getOrDefault("QUEUE_MAX_ACTIVE", "100")),
        Long.parseLong(stage.environment().getOrDefault("ACTIVE_TTL_SECONDS", "600")));
  }

  @Override
  public Map<String, Long> places(Stage stage, DynamoDbClient observer, Collection<String> tokens) {
    List<Map<String, AttributeValue>> keys = tokens.stream().map(LegacyQueueDesign::tokenKey).toList();
    Map<String, Long> places = new HashMap<>();
    batchGet(observer, stage.table(), keys, true).values().forEach(item -> places.put(item.get("token").s(), number(item, "seq")));
    return places;
  }

  private static final class Instance implements FunctionInstance {
    private final Stage stage;
    private final DynamoDbClient client;
    private final String table;
    private final String concertId;
    private final int maxActive;
    private final long activeTtlSeconds;

    Instance(Stage stage, DynamoDbClient client, int maxActive, long activeTtlSeconds) {
      this.stage = stage;
      this.client = client;
      this.table = stage.table();
      this.concertId = stage.concertId();
      this.maxActive = maxActive;
      this.activeTtlSeconds = activeTtlSeconds;
    }

    @Override
    public Joined join(String userId) {
      for (int attempt = 1; attempt <= JOIN_ATTEMPTS; attempt++) {
        Map<String, AttributeValue> concertKey = key("CONCERT#" + concertId, "CONCERT");
        Map<String, AttributeValue> latestKey = key("USER#" + userId, "QUEUE#" + concertId);
        Map<String, Map<String, AttributeValue>> found = batchGet(client, table, List.of(concertKey, latestKey), true);
        if (!found.containsKey(keyString(concertKey))) {
          throw new IllegalStateException("no concert " + concertId);
        }
        Map<String, AttributeValue> pointer = found.get(keyString(latestKey));
        String replacing = null;
        if (pointer != null) {
          String existing = pointer.get("token").s();
          Map<String, AttributeValue> token = client.getItem(r -> r.tableName(table).key(tokenKey(existing)).consistentRead(true)).item();
          if (token != null && !token.isEmpty()) {
            // A live token: the old code read the counters for its position (the benchmark never repeats a join).
            client.getItem(r -> r.tableName(table).key(countersKey()).consistentRead(true));
            return new Joined(existing, OptionalLong.of(number(token, "seq")));
          }
          replacing = existing;
        }
        long sequence = nextSequence();
        String token = concertId + "." + secret();
        String outcome = insert(token, userId, sequence, Instant.now(stage.clock()), replacing);
        switch (outcome) {
          case "INSERTED" -> {
            return new Joined(token, OptionalLong.of(sequence));
          }
          case "USER_HAS_NEWER_TOKEN" -> claimAbandoned(sequence);
          default -> { }  // SEQUENCE_CLAIMED: take another number
        }
      }
      throw new IllegalStateException("could not join in " + JOIN_ATTEMPTS + " attempts");
    }

    private long nextSequence() {
      for (int attempt = 1; ; attempt++) {
        try {
          Map<String, AttributeValue> counters = client.updateItem(r -> r.tableName(table).key(countersKey())
              .updateExpression("SET admitted = if_not_exists(admitted, :zero), ended = if_not_exists(ended, :zero),"
                  + " activatedThrough = if_not_exists(activatedThrough, :zero) ADD issued :one")
              .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1)))
              .returnValues(ReturnValue.ALL_NEW)).attributes();
          return number(counters, "issued");
        } catch (TransactionConflictException e) {
          if (attempt >= CONFLICT_ATTEMPTS) {
            throw e;
          }
          backOff(attempt);
        }
      }
    }

    private String insert(String token, String userId, long sequence, Instant now, String replacing) {
      long ttl = now.getEpochSecond() + KEEP_UNADMITTED_SECONDS;
      Map<String, AttributeValue> tokenItem = new HashMap<>(tokenKey(token));
      tokenItem.put("token", s(token));
      tokenItem.put("userId", s(userId));
      tokenItem.put("concertId", s(concertId));
      tokenItem.put("seq", n(sequence));
      tokenItem.put("status", s("WAITING"));
      tokenItem.put("issuedAt", n(now.toEpochMilli()));
      tokenItem.put("ttl", n(ttl));
      Map<String, AttributeValue> slotItem = new HashMap<>(key("QUEUE#" + concertId, slotSk(sequence)));
      slotItem.put("token", s(token));
      slotItem.put("ttl", n(ttl));
      Map<String, AttributeValue> latestItem = new HashMap<>(key("USER#" + userId, "QUEUE#" + concertId));
      latestItem.put("token", s(token));
      latestItem.put("ttl", n(ttl));
      List<TransactWriteItem> items = List.of(
          TransactWriteItem.builder().put(p -> p.tableName(table).item(tokenItem).conditionExpression("attribute_not_exists(pk)")).build(),
          TransactWriteItem.builder().put(p -> p.tableName(table).item(slotItem).conditionExpression("attribute_not_exists(pk)")).build(),
          TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(latestItem);
            if (replacing == null) {
              p.conditionExpression("attribute_not_exists(pk)");
            } else {
              p.conditionExpression("attribute_not_exists(pk) OR #token = :replacing")
                  .expressionAttributeNames(Map.of("#token", "token"))
                  .expressionAttributeValues(Map.of(":replacing", s(replacing)));
            }
          }).build());
      for (int attempt = 1; ; attempt++) {
        try {
          client.transactWriteItems(r -> r.transactItems(items));
          return "INSERTED";
        } catch (TransactionCanceledException e) {
          List<String> reasons = e.hasCancellationReasons()
              ? e.cancellationReasons().stream().map(CancellationReason::code).map(c -> c == null ? "None" : c).toList()
              : List.of();
          boolean conflictOnly = reasons.contains("TransactionConflict") && !reasons.contains("ConditionalCheckFailed");
          if (conflictOnly && attempt < CONFLICT_ATTEMPTS) {
            backOff(attempt);
            continue;
          }
          if (reasons.size() == 3 && "ConditionalCheckFailed".equals(reasons.get(0))) {
            return "INSERTED";  // our own earlier attempt landed
          }
          if (reasons.size() == 3 && "ConditionalCheckFailed".equals(reasons.get(1))) {
            return "SEQUENCE_CLAIMED";
          }
          if (reasons.size() == 3 && "ConditionalCheckFailed".equals(reasons.get(2))) {
            return "USER_HAS_NEWER_TOKEN";
          }
          // The old code: IllegalStateException("token insert cancelled: " + reasons), a 500 (e.g. ThrottlingError).
          throw new IllegalStateException("token insert cancelled: " + reasons, e);
        } catch (TransactionConflictException e) {
          if (attempt >= CONFLICT_ATTEMPTS) {
            throw e;
          }
          backOff(attempt);
        }
      }
    }

    @Override
    public Polled poll(String userId, String token) {
      Map<String, AttributeValue> tokenKey = tokenKey(token);
      Map<String, Map<String, AttributeValue>> found = batchGet(client, table, List.of(tokenKey, countersKey()), false);
      if (!found.containsKey(keyString(tokenKey))) {
        found = batchGet(client, table, List.of(tokenKey, countersKey()), true);
      }
      Map<String, AttributeValue> item = found.get(keyString(tokenKey));
      if (item == null || !userId.equals(item.get("userId").s())) {
        throw new IllegalStateException("unknown token or another user's");
      }
      Map<String, AttributeValue> counters = found.getOrDefault(keyString(countersKey()), Map.of());
      String status = item.get("status").s();
      if (!"WAITING".equals(status)) {
        return new Polled(status, OptionalLong.of(0), OptionalInt.empty());
      }
      long admitted = counters.containsKey("admitted") ? number(counters, "admitted") : 0;
      return new Polled(status, OptionalLong.of(Math.max(1, number(item, "seq") - admitted)), OptionalInt.empty());
    }

    @Override
    public void maintenanceRound() {
      client.query(r -> r.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :list")
          .expressionAttributeValues(Map.of(":list", s("CONCERTS"))).projectionExpression("concertId"));
      client.query(r -> r.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :admitted")
          .expressionAttributeValues(Map.of(":admitted", s("ADMITTED#" + concertId))));
      Map<String, AttributeValue> counters = counters();
      long admitted = numberOr(counters, "admitted");
      if (numberOr(counters, "activatedThrough") < admitted) {
        activate(numberOr(counters, "activatedThrough"), admitted);
        counters = counters();
        admitted = numberOr(counters, "admitted");
      }
      long free = maxActive - (admitted - numberOr(counters, "ended"));
      long admitting = Math.min(free, numberOr(counters, "issued") - admitted);
      if (admitting <= 0) {
        return;
      }
      long from = admitted;
      long to = admitted + admitting;
      try {
        client.updateItem(r -> r.tableName(table).key(countersKey())
            .updateExpression("SET admitted = :to, lastAdmissionAt = :now")
            .conditionExpression("admitted = :from")
            .expressionAttributeValues(Map.of(":from", n(from), ":to", n(to), ":now", n(stage.clock().millis()))));
      } catch (ConditionalCheckFailedException e) {
        return;
      }
      activate(from, to);
    }

    private void activate(long from, long to) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (long sequence = from + 1; sequence <= to; sequence++) {
        keys.add(key("QUEUE#" + concertId, slotSk(sequence)));
      }
      Map<String, Map<String, AttributeValue>> slots = batchGet(client, table, keys, true);
      long abandoned = 0;
      long now = stage.clock().millis();
      for (int i = 0; i < keys.size(); i++) {
        long sequence = from + 1 + i;
        Map<String, AttributeValue> slot = slots.get(keyString(keys.get(i)));
        if (slot == null) {
          if (claimAbandoned(sequence)) {
            abandoned++;
          }
          continue;
        }
        try {
          client.updateItem(r -> r.tableName(table).key(tokenKey(slot.get("token").s()))
              .updateExpression("SET #status = :active, activatedAt = :now, activeUntil = :until, gsi1pk = :index, gsi1sk = :order")
              .conditionExpression("#status = :waiting")
              .expressionAttributeNames(Map.of("#status", "status"))
              .expressionAttributeValues(Map.of(":active", s("ACTIVE"), ":waiting", s("WAITING"), ":now", n(now),
                  ":until", n(now + activeTtlSeconds * 1000), ":index", s("ADMITTED#" + concertId),
                  ":order", s(String.format("%012d", sequence)))));
        } catch (ConditionalCheckFailedException alreadyActive) {
          // admitted by an overlapping run
        }
      }
      long gaps = abandoned;
      try {
        client.updateItem(r -> r.tableName(table).key(countersKey())
            .updateExpression("SET activatedThrough = :to ADD ended :abandoned")
            .conditionExpression("activatedThrough = :from")
            .expressionAttributeValues(Map.of(":from", n(from), ":to", n(to), ":abandoned", n(gaps))));
      } catch (ConditionalCheckFailedException e) {
        // another run completed it
      }
    }

    private boolean claimAbandoned(long sequence) {
      try {
        client.putItem(r -> r.tableName(table)
            .item(Map.of("pk", s("QUEUE#" + concertId), "sk", s(slotSk(sequence)), "abandoned", AttributeValue.fromBool(true)))
            .conditionExpression("attribute_not_exists(pk)"));
        return true;
      } catch (ConditionalCheckFailedException e) {
        return false;
      }
    }

    private Map<String, AttributeValue> counters() {
      Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(countersKey()).consistentRead(true)).item();
      return item == null ? Map.of() : item;
    }

    private Map<String, AttributeValue> countersKey() {
      return key("QUEUE#" + concertId, "STATE");
    }
  }

  /** The old {@code Table.batchGet}: 100 keys a request, unprocessed keys sent again at once. */
  private static Map<String, Map<String, AttributeValue>> batchGet(DynamoDbClient client, String table,
      List<Map<String, AttributeValue>> keys, boolean consistent) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int start = 0; start < keys.size(); start += 100) {
      Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
          .keys(keys.subList(start, Math.min(keys.size(), start + 100))).consistentRead(consistent).build());
      while (!request.isEmpty()) {
        Map<String, KeysAndAttributes> pending = request;
        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(pending));
        response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(keyString(item), item));
        request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return found;
  }

  private static Map<String, AttributeValue> tokenKey(String token) {
    return key("TOKEN#" + token.substring(token.lastIndexOf('.') + 1), "TOKEN");
  }

  private static String slotSk(long sequence) {
    return String.format("SEQ#%012d", sequence);
  }

  private static String secret() {
    byte[] bytes = new byte[24];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void backOff(int attempt) {
    long ceiling = 10_000_000L << Math.min(attempt, 6);
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling));
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  private static String keyString(Map<String, AttributeValue> item) {
    return item.get("pk").s() + "\u0000" + item.get("sk").s();
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(item.get(name).n());
  }

  private static long numberOr(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? number(item, name) : 0;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
