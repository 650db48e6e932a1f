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
import dev.ticketing.domain.Instants;
import java.time.Clock;
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
 * partition of its counter: 3 requests and 3 write units in all (docs/data-model.md, "Queue"). A
 * pre-queue join takes no number but counts itself, before its put, on one of the counters of its
 * index partition ({@link QueueItems#preQueueSubShards}), so the board's count and the late look
 * read a fixed number of counters instead of the index: 3 requests as well.
 */
@Singleton
final class DynamoJoinStore implements JoinStore {
  private final Table table;
  private final int shards;
  /** The instance's own source (InstanceRandom): instances restored from one snapshot spread over different shards. */
  private final RandomGenerator random;
  private final DrawSeeds seeds;
  private final Clock clock;

  @Inject
  DynamoJoinStore(Table table, StoragePriming priming, Settings settings, RandomGenerator random, DrawSeeds seeds,
      Clock clock) {
    this.table = table;
    this.shards = settings.queueJoinShards();
    this.random = random;
    this.seeds = seeds;
    this.clock = clock;
    // The token item, the number, and the put of the new token.
    priming.getItem(QueueItems.TOKEN_PREFIX);
    priming.refusedUpdate(QueueItems.NUMBER_PREFIX);
    priming.refusedUpdate(QueueItems.PRE_COUNT_PREFIX);
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
    Optional<Duration> putWithin = within;
    if (preQueueUntil.isPresent()) {
      // Counted first: a counter may count a token that is then not stored (a lost race, a failed
      // put), never miss one that is. The put gets what is left of the time.
      Instant deadline = within.map(Instants.now(clock)::plus).orElse(Instant.MAX);
      QueueItems.countPreQueueJoin(table, token.concertId(), QueueItems.preQueuePartition(hmac),
          random.nextInt(QueueItems.preQueueSubShards(shards)), preQueueUntil.get(), within);
      putWithin = within.map(w -> {
        Duration left = Duration.between(Instants.now(clock), deadline);
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
      });
    }
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
    }, putWithin);
    // A failed condition may also be this very put, written by an attempt whose answer the SDK
    // lost: the caller reads the item again and finds its own token then.
    return inserted ? InsertResult.INSERTED : InsertResult.USER_HAS_NEWER_TOKEN;
  }
}
