package dev.ticketing.queue;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.CatalogKeys;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** The queue in DynamoDB (docs/data-model.md, "Queue"). */
public final class DynamoQueueStore implements QueueStore {
  /** Ended tokens and their bookkeeping are deleted by DynamoDB's TTL after this long. */
  static final Duration KEEP_ENDED = Duration.ofDays(1);
  /** A token nobody admitted or polled is deleted after this long. */
  static final Duration KEEP_UNADMITTED = Duration.ofDays(7);

  private final Table table;

  @Inject
  public DynamoQueueStore(Table table) {
    this.table = table;
  }

  @Override
  public Optional<QueueToken> token(QueueTokenId id) {
    return table.get(tokenKey(id)).flatMap(item -> tokenOf(id, item));
  }

  @Override
  public TokenInQueue polledTokenInQueue(QueueTokenId id) {
    TokenInQueue seen = tokenInQueue(id, false);
    return seen.token().isPresent() ? seen : tokenInQueue(id, true);
  }

  private TokenInQueue tokenInQueue(QueueTokenId id, boolean consistent) {
    Map<String, AttributeValue> counterKey = counterKey(id.concertId());
    Map<String, Map<String, AttributeValue>> items = table.batchGet(List.of(tokenKey(id), counterKey), consistent);
    return new TokenInQueue(tokenOf(id, items.get(Table.keyString(tokenKey(id)))),
        countersOf(id.concertId(), items.get(Table.keyString(counterKey))));
  }

  @Override
  public JoinContext joinContext(String userId, String concertId) {
    Map<String, AttributeValue> concertKey = Items.key(CatalogKeys.concertPk(concertId), CatalogKeys.CONCERT_SK);
    Map<String, AttributeValue> latestKey = Items.key(QueueKeys.userPk(userId), QueueKeys.latestTokenSk(concertId));
    Map<String, Map<String, AttributeValue>> items = table.batchGet(List.of(concertKey, latestKey));
    Optional<QueueToken> latest = Optional.ofNullable(items.get(Table.keyString(latestKey)))
        .flatMap(pointer -> QueueTokenId.parse(Items.string(pointer, "token")))
        .flatMap(this::token);
    return new JoinContext(items.containsKey(Table.keyString(concertKey)), latest);
  }

  @Override
  public QueueCounters nextSequence(String concertId) {
    Map<String, AttributeValue> item = table.updateAndGet(r -> r.key(counterKey(concertId))
        .updateExpression("SET admitted = if_not_exists(admitted, :zero), ended = if_not_exists(ended, :zero),"
            + " activatedThrough = if_not_exists(activatedThrough, :zero)"
            + " ADD issued :one")
        .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1))));
    return countersOf(concertId, item);
  }

  @Override
  public InsertResult insert(QueueToken token, Optional<QueueTokenId> replacing) {
    String concertId = token.concertId();
    Map<String, AttributeValue> tokenItem = new HashMap<>(tokenKey(token.token()));
    tokenItem.put("token", s(token.token().value()));
    tokenItem.put("userId", s(token.userId()));
    tokenItem.put("concertId", s(concertId));
    tokenItem.put("seq", n(token.sequence()));
    tokenItem.put("status", s(token.status().name()));
    tokenItem.put("issuedAt", n(token.issuedAt().toEpochMilli()));
    tokenItem.put("ttl", n(token.issuedAt().plus(KEEP_UNADMITTED).getEpochSecond()));

    Map<String, AttributeValue> slotItem = new HashMap<>(Items.key(QueueKeys.queuePk(concertId), QueueKeys.slotSk(token.sequence())));
    slotItem.put("token", s(token.token().value()));
    slotItem.put("ttl", n(token.issuedAt().plus(KEEP_UNADMITTED).getEpochSecond()));

    Map<String, AttributeValue> latestItem = new HashMap<>(Items.key(QueueKeys.userPk(token.userId()), QueueKeys.latestTokenSk(concertId)));
    latestItem.put("token", s(token.token().value()));
    latestItem.put("ttl", n(token.issuedAt().plus(KEEP_UNADMITTED).getEpochSecond()));
    Put.Builder latest = Put.builder().tableName(table.name()).item(latestItem);
    if (replacing.isPresent()) {
      latest.conditionExpression("attribute_not_exists(pk) OR #token = :replacing")
          .expressionAttributeNames(Map.of("#token", "token"))
          .expressionAttributeValues(Map.of(":replacing", s(replacing.get().value())));
    } else {
      latest.conditionExpression("attribute_not_exists(pk)");
    }

    TransactionOutcome outcome = table.transact(List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(tokenItem).conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(slotItem).conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().put(latest.build()).build()));
    if (outcome.committed() || outcome.conditionFailedAt(0)) {
      // The token's random id exists only if an earlier attempt of this very call wrote it
      // (the SDK retried after losing the response): the insert happened.
      return InsertResult.INSERTED;
    }
    if (outcome.conditionFailedAt(1)) {
      return InsertResult.SEQUENCE_CLAIMED;
    }
    if (outcome.conditionFailedAt(2)) {
      return InsertResult.USER_HAS_NEWER_TOKEN;
    }
    throw new IllegalStateException("token insert cancelled: " + outcome.reasons());
  }

  @Override
  public boolean recordFirstUse(QueueTokenId id, Instant now, Instant graceDeadline) {
    return table.update(r -> r.key(tokenKey(id))
        .updateExpression("SET firstUsedAt = if_not_exists(firstUsedAt, :now)")
        .conditionExpression("#status = :active AND activeUntil > :now AND (attribute_exists(firstUsedAt) OR :now < :graceDeadline)")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":active", s("ACTIVE"),
            ":graceDeadline", n(graceDeadline.toEpochMilli()))));
  }

  @Override
  public List<String> concertIds() {
    List<String> ids = new ArrayList<>();
    table.queryAll(query -> query.indexName("gsi1")
            .keyConditionExpression("gsi1pk = :list")
            .expressionAttributeValues(Map.of(":list", s(CatalogKeys.CONCERT_LIST)))
            .projectionExpression("concertId"))
        .forEach(item -> ids.add(Items.string(item, "concertId")));
    return ids;
  }

  @Override
  public QueueCounters counters(String concertId) {
    return countersOf(concertId, table.get(counterKey(concertId)).orElse(null));
  }

  @Override
  public List<QueueToken> admittedSessions(String concertId) {
    return table.queryAll(query -> query.indexName("gsi1")
            .keyConditionExpression("gsi1pk = :admitted")
            .expressionAttributeValues(Map.of(":admitted", s(QueueKeys.admittedIndexPk(concertId)))))
        .stream()
        .map(item -> QueueTokenId.parse(Items.string(item, "token")).flatMap(id -> tokenOf(id, item)))
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public boolean endSession(QueueToken token, Instant now) {
    TransactionOutcome outcome = table.transact(List.of(
        TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(tokenKey(token.token()))
            .updateExpression("SET #status = :expired, #ttl = :ttl REMOVE gsi1pk, gsi1sk")
            .conditionExpression("gsi1pk = :admitted")
            .expressionAttributeNames(Map.of("#status", "status", "#ttl", "ttl"))
            .expressionAttributeValues(Map.of(":expired", s("EXPIRED"), ":ttl", n(now.plus(KEEP_ENDED).getEpochSecond()),
                ":admitted", s(QueueKeys.admittedIndexPk(token.concertId()))))
            .build()).build(),
        TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(counterKey(token.concertId()))
            .updateExpression("ADD ended :one")
            .expressionAttributeValues(Map.of(":one", n(1)))
            .build()).build()));
    return outcome.committed();
  }

  @Override
  public boolean advanceAdmission(String concertId, long from, long to, Instant now, Optional<Double> admissionsPerSecond,
      boolean usersStillWaiting) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", n(from), ":to", n(to)));
    StringBuilder set = new StringBuilder("SET admitted = :to");
    admissionsPerSecond.ifPresent(rate -> {
      set.append(", admissionsPerSecond = :rate");
      values.put(":rate", AttributeValue.fromN(Double.toString(rate)));
    });
    String expression;
    if (usersStillWaiting) {
      set.append(", lastAdmissionAt = :now");
      values.put(":now", n(now.toEpochMilli()));
      expression = set.toString();
    } else {
      expression = set + " REMOVE lastAdmissionAt";
    }
    return table.update(r -> r.key(counterKey(concertId))
        .updateExpression(expression)
        .conditionExpression("admitted = :from")
        .expressionAttributeValues(values));
  }

  @Override
  public List<Slot> slots(String concertId, long fromExclusive, long toInclusive) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (long sequence = fromExclusive + 1; sequence <= toInclusive; sequence++) {
      keys.add(Items.key(QueueKeys.queuePk(concertId), QueueKeys.slotSk(sequence)));
    }
    Map<String, Map<String, AttributeValue>> items = table.batchGet(keys);
    List<Slot> slots = new ArrayList<>(keys.size());
    for (Map<String, AttributeValue> key : keys) {
      Map<String, AttributeValue> item = items.get(Table.keyString(key));
      if (item == null) {
        slots.add(new Slot.Empty());
      } else if (item.containsKey("abandoned")) {
        slots.add(new Slot.Abandoned());
      } else {
        slots.add(QueueTokenId.parse(Items.string(item, "token")).<Slot>map(Slot.Token::new).orElse(new Slot.Abandoned()));
      }
    }
    return slots;
  }

  @Override
  public boolean claimAbandoned(String concertId, long sequence) {
    return table.put(r -> r
        .item(Map.of("pk", s(QueueKeys.queuePk(concertId)), "sk", s(QueueKeys.slotSk(sequence)),
            "abandoned", AttributeValue.fromBool(true)))
        .conditionExpression("attribute_not_exists(pk)"));
  }

  @Override
  public Activation activate(QueueTokenId id, long sequence, Instant now, Instant activeUntil) {
    boolean activated = table.update(r -> r.key(tokenKey(id))
        .updateExpression("SET #status = :active, activatedAt = :now, activeUntil = :until, gsi1pk = :index, gsi1sk = :order")
        .conditionExpression("#status = :waiting")
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(Map.of(":active", s("ACTIVE"), ":waiting", s("WAITING"),
            ":now", n(now.toEpochMilli()), ":until", n(activeUntil.toEpochMilli()),
            ":index", s(QueueKeys.admittedIndexPk(id.concertId())),
            ":order", s(QueueKeys.admittedIndexSk(sequence)))));
    if (activated) {
      return Activation.ACTIVATED;
    }
    return token(id).isPresent() ? Activation.ALREADY_ADMITTED : Activation.TOKEN_GONE;
  }

  @Override
  public boolean completeActivation(String concertId, long from, long to, long abandoned) {
    return table.update(r -> r.key(counterKey(concertId))
        .updateExpression("SET activatedThrough = :to ADD ended :abandoned")
        .conditionExpression("activatedThrough = :from")
        .expressionAttributeValues(Map.of(":from", n(from), ":to", n(to), ":abandoned", n(abandoned))));
  }

  static Map<String, AttributeValue> tokenKey(QueueTokenId id) {
    return Items.key(QueueKeys.tokenPk(id), QueueKeys.TOKEN_SK);
  }

  private static Map<String, AttributeValue> counterKey(String concertId) {
    return Items.key(QueueKeys.queuePk(concertId), QueueKeys.COUNTERS_SK);
  }

  /** The stored token, if it is the one {@code id} names (a forged concert part finds nothing). */
  private static Optional<QueueToken> tokenOf(QueueTokenId id, Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty() || !id.value().equals(Items.string(item, "token"))) {
      return Optional.empty();
    }
    return Optional.of(new QueueToken(id, Items.string(item, "userId"), Items.string(item, "concertId"),
        Items.number(item, "seq"), QueueToken.StoredStatus.valueOf(Items.string(item, "status")),
        Instant.ofEpochMilli(Items.number(item, "issuedAt")),
        optionalInstant(item, "activatedAt"), optionalInstant(item, "activeUntil"), optionalInstant(item, "firstUsedAt")));
  }

  private static QueueCounters countersOf(String concertId, Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return QueueCounters.empty(concertId);
    }
    return new QueueCounters(concertId, longOr(item, "issued"), longOr(item, "admitted"), longOr(item, "ended"),
        longOr(item, "activatedThrough"), optionalInstant(item, "lastAdmissionAt"),
        Optional.ofNullable(item.get("admissionsPerSecond")).map(v -> Double.parseDouble(v.n())));
  }

  private static long longOr(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Items.number(item, name) : 0;
  }

  private static Optional<Instant> optionalInstant(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Optional.of(Instant.ofEpochMilli(Items.number(item, name))) : Optional.empty();
  }
}
