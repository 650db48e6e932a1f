package dev.ticketing.catalog;

import dagger.Binds;
import dagger.Module;

@Module
public interface CatalogModule {
  @Binds
  ConcertCatalog concertCatalog(DynamoConcertCatalog dynamo);

  @Binds
  SeatInventory seatInventory(DynamoSeatInventory dynamo);
}
