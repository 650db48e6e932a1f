package dev.ticketing.queue.dynamo;

import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.UserPartition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The queue's items (docs/data-model.md, "Queue"), their keys and how they read, shared by the
 * queue's stores: a token ({@code TOKEN#<secret>}), a concert's counters and numbered slots
 * ({@code QUEUE#<concertId>}), a user's latest token per concert (in {@code USER#<userId>}), and
 * the gsi1 partition of admitted sessions ({@code ADMITTED#<concertId>}).
 */
final class QueueItems {
  static final String TOKEN_PREFIX = "TOKEN#";
  static final String QUEUE_PREFIX = "QUEUE#";
  static final String ADMITTED_PREFIX = "ADMITTED#";
  /** Ended tokens and their bookkeeping are deleted by DynamoDB's TTL after this long. */
  static final Duration KEEP_ENDED = Duration.ofDays(1);
  /** A token nobody admitted or polled is deleted after this long. */
  static final Duration KEEP_UNADMITTED = Duration.ofDays(7);
  private static final String TOKEN_SK = "TOKEN";
  private static final String COUNTERS_SK = "STATE";

  private QueueItems() {}

  static Map<String, AttributeValue> tokenKey(QueueTokenId id) {
    return Items.key(TOKEN_PREFIX + id.secret(), TOKEN_SK);
  }

  static String queuePk(String concertId) {
    return QUEUE_PREFIX + concertId;
  }

  static Map<String, AttributeValue> counterKey(String concertId) {
    return Items.key(queuePk(concertId), COUNTERS_SK);
  }

  static Map<String, AttributeValue> slotKey(String concertId, long sequence) {
    return Items.key(queuePk(concertId), String.format("SEQ#%012d", sequence));
  }

  /** The pointer to the user's latest token for the concert. */
  static Map<String, AttributeValue> latestTokenKey(String userId, String concertId) {
    return Items.key(UserPartition.pk(userId), QUEUE_PREFIX + concertId);
  }

  /** The gsi1 partition of a concert's admitted sessions, ordered by sequence. */
  static String admittedIndexPk(String concertId) {
    return ADMITTED_PREFIX + concertId;
  }

  static String admittedIndexSk(long sequence) {
    return String.format("%012d", sequence);
  }

  /** The token, read consistently. */
  static Optional<QueueToken> readToken(Table table, QueueTokenId id) {
    return table.get(tokenKey(id)).flatMap(item -> tokenOf(id, item));
  }

  /** The counters, read consistently. */
  static QueueCounters readCounters(Table table, String concertId) {
    return countersOf(concertId, table.get(counterKey(concertId)).orElse(null));
  }

  /** Marks a sequence number that will never be a token; false if a token took it first. */
  static boolean claimAbandoned(Table table, String concertId, long sequence) {
    Map<String, AttributeValue> item = new HashMap<>(slotKey(concertId, sequence));
    item.put("abandoned", AttributeValue.fromBool(true));
    return table.put(r -> r.item(item).conditionExpression("attribute_not_exists(pk)"));
  }

  /** The stored token, if it is the one {@code id} names (a forged concert part finds nothing). */
  static Optional<QueueToken> tokenOf(QueueTokenId id, Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty() || !id.value().equals(Items.string(item, "token"))) {
      return Optional.empty();
    }
    return Optional.of(new QueueToken(id, Items.string(item, "userId"), Items.string(item, "concertId"),
        Items.number(item, "seq"), QueueToken.StoredStatus.valueOf(Items.string(item, "status")),
        Instant.ofEpochMilli(Items.number(item, "issuedAt")),
        optionalInstant(item, "activatedAt"), optionalInstant(item, "activeUntil"), optionalInstant(item, "firstUsedAt")));
  }

  static QueueCounters countersOf(String concertId, Map<String, AttributeValue> item) {
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
