package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.s;

import dev.ticketing.config.Settings;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.sale.draw.DrawSeeds;
import dev.ticketing.queue.join.JoinStore;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.sale.draw.Draw;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Joining in DynamoDB: one consistent GetItem of the user's token item for the concert
 * ({@code TOKEN#<concertId>#<ownerHash>}); for an arrival, one count on a counter of arrivals
 * chosen at random among K, so each counter takes 1/K of the joins; then one conditional PutItem
 * of the new token over the item. Its gsi2 entry (keys only) lists it under its number, in the
 * partition of its counter: 3 requests and 3 write units in all (docs/data-model.md, "Queue").
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
    // The token item, the number, and the put of the new token.
    priming.getItem(QueueItems.TOKEN_PREFIX);
    priming.refusedUpdate(QueueItems.NUMBER_PREFIX);
    priming.refusedPut(QueueItems.TOKEN_PREFIX);
  }

  @Override
  public Optional<Stored> stored(String userId, String concertId) {
    return QueueItems.readStored(table, userId, concertId);
  }

  @Override
  public ArrivalNumber takeNumber(String concertId, long bucket, Optional<Duration> within) {
    return QueueItems.takeNumber(table, concertId, random.nextInt(shards), bucket, within);
  }

  @Override
  public InsertResult insert(QueueToken token, Optional<QueueTokenId> replacing, List<EndedTurn> earlier,
      Optional<Instant> preQueueUntil, Optional<Duration> within) {
    // A pre-queue token is listed under its draw hmac: the index is then the draw's order, and the
    // draw reads it instead of hashing every receipt (the seed never changes, so it is kept).
    String hmac = token.number().isPresent() ? ""
        : seeds.seed(token.concertId()).map(seed -> Draw.hmac(seed, token.receiptId())).orElse("");
    Map<String, AttributeValue> item = QueueItems.newTokenItem(token, hmac, preQueueUntil, earlier);
    // Of concurrent joins of one user, the first put wins and the others' conditions fail: one
    // live token per user and concert. Never over an admitted session, whose slot only
    // maintenance's end of it frees.
    boolean inserted = table.put(put -> {
      put.item(item);
      if (replacing.isPresent()) {
        put.conditionExpression("secret = :replacing AND (attribute_not_exists(gsi1pk) OR NOT begins_with(gsi1pk, :admitted))")
            .expressionAttributeValues(Map.of(":replacing", s(replacing.get().secret()),
                ":admitted", s(QueueItems.ADMITTED_PREFIX)));
      } else {
        put.conditionExpression("attribute_not_exists(pk)");
      }
    }, within);
    // A failed condition may also be this very put, written by an attempt whose answer the SDK
    // lost: the caller reads the item again and finds its own token then.
    return inserted ? InsertResult.INSERTED : InsertResult.USER_HAS_NEWER_TOKEN;
  }
}
