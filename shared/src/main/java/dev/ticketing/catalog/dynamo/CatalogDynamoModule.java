package dev.ticketing.catalog.dynamo;

import dagger.Binds;
import dagger.Module;
import dev.ticketing.catalog.ConcertCatalog;
import dev.ticketing.catalog.InventorySaleSeats;
import dev.ticketing.sale.SaleSeats;
import dev.ticketing.sale.SaleTermsStore;
import dev.ticketing.catalog.SeatInventory;
import dev.ticketing.catalog.seed.CatalogSeeder;

/** The catalogue's ports, bound to their DynamoDB adapters, and the sale's ports the catalogue answers. */
@Module
public interface CatalogDynamoModule {
  @Binds
  ConcertCatalog concertCatalog(DynamoConcertCatalog dynamo);

  @Binds
  SeatInventory seatInventory(DynamoSeatInventory dynamo);

  @Binds
  CatalogSeeder catalogSeeder(DynamoCatalogSeeder dynamo);

  @Binds
  SaleTermsStore saleTermsStore(DynamoSaleTermsStore dynamo);

  @Binds
  SaleSeats saleSeats(InventorySaleSeats inventory);
}
