package dev.ticketing.sale.dynamo;

import dagger.Binds;
import dagger.Module;
import dev.ticketing.sale.SaleControlStore;

/** The sale's ports, bound to their DynamoDB adapters. */
@Module
public interface SaleDynamoModule {
  @Binds
  SaleControlStore saleControlStore(DynamoSaleControlStore dynamo);
}
