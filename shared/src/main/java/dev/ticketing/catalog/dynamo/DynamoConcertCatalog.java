package dev.ticketing.catalog.dynamo;

import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.Concert;
import dev.ticketing.catalog.ConcertCatalog;
import dev.ticketing.catalog.ConcertLastDate;
import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The catalogue in DynamoDB: one Query of the sparse gsi1 partition {@code CONCERTS}. */
@Singleton
final class DynamoConcertCatalog implements ConcertCatalog {
  private final Table table;

  @Inject
  DynamoConcertCatalog(Table table, StoragePriming priming) {
    this.table = table;
    // The list's Query of the index.
    priming.queryIndex(CatalogItems.CONCERT_LIST);
  }

  @Override
  public Page<Concert> list(PageRequest page) {
    QueryResponse response = table.query(query -> {
      query.indexName("gsi1")
          .keyConditionExpression("gsi1pk = :list")
          .expressionAttributeValues(Map.of(":list", s(CatalogItems.CONCERT_LIST)))
          // One more than asked tells whether another page follows without an empty last page.
          .limit(page.limit() + 1);
      page.after().ifPresent(after -> query.exclusiveStartKey(CatalogItems.concertListPosition(after)));
    });
    List<Concert> concerts = response.items().stream().map(CatalogItems::concertOf).toList();
    if (concerts.size() <= page.limit()) {
      return new Page<>(concerts, Optional.empty());
    }
    List<Concert> shown = concerts.subList(0, page.limit());
    return new Page<>(shown, Optional.of(shown.get(shown.size() - 1).concertId()));
  }

  @Override
  public List<ConcertLastDate> lastDates() {
    return table.queryAll(query -> query.indexName("gsi1")
            .keyConditionExpression("gsi1pk = :list")
            .expressionAttributeValues(Map.of(":list", s(CatalogItems.CONCERT_LIST)))
            .projectionExpression("concertId, " + CatalogItems.LAST_DATE))
        .stream().map(CatalogItems::lastDateOf).toList();
  }
}
