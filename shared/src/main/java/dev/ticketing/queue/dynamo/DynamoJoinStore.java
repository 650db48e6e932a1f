package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.s;

import dev.ticketing.config.Settings;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.DrawSeeds;
import dev.ticketing.queue.JoinStore;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.sale.Draw;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import dev.ticketing.storage.UserPartition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Joining in DynamoDB: the user's pointer to their latest token (and that token, if there is
 * one); for an arrival, one count on a counter of arrivals chosen at random among K, so each
 * counter takes 1/K of the joins; then one transaction of the new token and the pointer. The
 * token's gsi2 entry (keys only) lists it under its number, in the partition of its counter.
 */
@Singleton
final class DynamoJoinStore implements JoinStore {
  private final Table table;
  private final int shards;
  /** The instance's own source (InstanceRandom): instances restored from one snapshot spread over different shards. */
  private final RandomGenerator random;
  private final DrawSeeds seeds;

  @Inject
  DynamoJoinStore(Table table, StoragePriming priming, Settings settings, RandomGenerator random, DrawSeeds seeds) {
    this.table = table;
    this.shards = settings.queueJoinShards();
    this.random = random;
    this.seeds = seeds;
    // The pointer and the token it names, the number, and the insert of both.
    priming.getItem(UserPartition.PREFIX);
    priming.refusedUpdate(QueueItems.NUMBER_PREFIX);
    priming.getItem(QueueItems.TOKEN_PREFIX);
    priming.refusedPutTransaction(QueueItems.TOKEN_PREFIX);
  }

  @Override
  public Optional<QueueToken> latestToken(String userId, String concertId) {
    return table.get(QueueItems.latestTokenKey(userId, concertId))
        .flatMap(pointer -> QueueTokenId.parse(Items.string(pointer, "token")))
        .flatMap(id -> QueueItems.readToken(table, id));
  }

  @Override
  public ArrivalNumber takeNumber(String concertId, long bucket, Optional<Duration> within) {
    return QueueItems.takeNumber(table, concertId, random.nextInt(shards), bucket, within);
  }

  @Override
  public InsertResult insert(QueueToken token, Optional<QueueTokenId> replacing, Optional<Instant> preQueueUntil,
      Optional<Duration> within) {
    // A pre-queue token is listed under its draw hmac: the index is then the draw's order, and the
    // draw reads it instead of hashing every receipt (the seed never changes, so it is kept).
    String hmac = token.number().isPresent() ? ""
        : seeds.seed(token.concertId()).map(seed -> Draw.hmac(seed, token.receiptId())).orElse("");
    Map<String, AttributeValue> tokenItem = QueueItems.newTokenItem(token, hmac, preQueueUntil);
    Map<String, AttributeValue> latestItem = new HashMap<>(QueueItems.latestTokenKey(token.userId(), token.concertId()));
    latestItem.put("token", s(token.token().value()));
    // The pointer lives as long as its token (a pre-queue token far longer), or a second join could
    // find no pointer and issue the user a second live token.
    latestItem.put("ttl", tokenItem.get("ttl"));
    Put.Builder latest = Put.builder().tableName(table.name()).item(latestItem);
    if (replacing.isPresent()) {
      latest.conditionExpression("attribute_not_exists(pk) OR #token = :replacing")
          .expressionAttributeNames(Map.of("#token", "token"))
          .expressionAttributeValues(Map.of(":replacing", s(replacing.get().value())));
    } else {
      latest.conditionExpression("attribute_not_exists(pk)");
    }
    TransactionOutcome outcome = table.transact(List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(tokenItem)
            .conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().put(latest.build()).build()), within);
    if (outcome.committed() || outcome.conditionFailedAt(0)) {
      // The token's random id exists only if an earlier attempt of this very call wrote it
      // (the SDK retried after losing the response): the insert happened.
      return InsertResult.INSERTED;
    }
    if (outcome.conditionFailedAt(1)) {
      return InsertResult.USER_HAS_NEWER_TOKEN;
    }
    throw new IllegalStateException("token insert cancelled: " + outcome.reasons());
  }
}
