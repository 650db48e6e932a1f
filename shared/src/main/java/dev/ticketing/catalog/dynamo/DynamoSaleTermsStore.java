package dev.ticketing.catalog.dynamo;

import static dev.ticketing.storage.Items.s;

import dev.ticketing.sale.draw.DrawSeed;
import dev.ticketing.sale.SaleState;
import dev.ticketing.sale.SaleTerms;
import dev.ticketing.sale.SaleTermsStore;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A concert's sale terms in DynamoDB: the concert item and the draw's seed item, in one BatchGetItem. */
@Singleton
final class DynamoSaleTermsStore implements SaleTermsStore {
  private final Table table;

  @Inject
  DynamoSaleTermsStore(Table table) {
    this.table = table;
  }

  @Override
  public Optional<SaleTerms> terms(String concertId) {
    Map<String, AttributeValue> concertKey = CatalogItems.concertKey(concertId);
    Map<String, AttributeValue> seedKey = CatalogItems.seedKey(concertId);
    Map<String, Map<String, AttributeValue>> items = table.batchGet(List.of(concertKey, seedKey));
    Map<String, AttributeValue> concert = items.get(Table.keyString(concertKey));
    if (concert == null) {
      return Optional.empty();
    }
    Optional<DrawSeed> seed = Optional.ofNullable(items.get(Table.keyString(seedKey)))
        .map(item -> DrawSeed.fromHex(Items.string(item, "seed")));
    String recorded = Items.string(concert, "saleState");
    return Optional.of(new SaleTerms(concertId,
        Optional.ofNullable(Items.string(concert, "saleOpensAt")).map(Instant::parse), seed,
        concert.containsKey("drawSeed"), recorded == null ? SaleState.OPEN : SaleState.valueOf(recorded)));
  }

  @Override
  public Optional<DrawSeed> seed(String concertId) {
    return table.get(CatalogItems.seedKey(concertId)).map(item -> DrawSeed.fromHex(Items.string(item, "seed")));
  }

  @Override
  public void recordState(String concertId, SaleState state) {
    table.update(update -> update.key(CatalogItems.concertKey(concertId))
        .updateExpression("SET saleState = :state")
        .conditionExpression("attribute_exists(pk)")
        .expressionAttributeValues(Map.of(":state", s(state.name()))));
  }

  @Override
  public void publishSeed(String concertId, DrawSeed seed, String drawId) {
    table.update(update -> update.key(CatalogItems.concertKey(concertId))
        .updateExpression("SET drawSeed = :seed, drawId = :drawId")
        .conditionExpression("attribute_exists(pk) AND attribute_not_exists(drawSeed)")
        .expressionAttributeValues(Map.of(":seed", s(seed.hex()), ":drawId", s(drawId))));
  }

  @Override
  public boolean moveOpening(String concertId, Instant expected, Instant next) {
    return table.update(update -> update.key(CatalogItems.concertKey(concertId))
        .updateExpression("SET saleOpensAt = :next")
        .conditionExpression("saleOpensAt = :expected AND attribute_not_exists(drawSeed)")
        .expressionAttributeValues(Map.of(":next", s(next.toString()), ":expected", s(expected.toString()))));
  }
}
