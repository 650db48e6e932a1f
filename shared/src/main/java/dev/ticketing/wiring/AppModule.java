package dev.ticketing.wiring;

import dagger.Module;
import dev.ticketing.catalog.dynamo.CatalogDynamoModule;
import dev.ticketing.payment.dynamo.PaymentDynamoModule;
import dev.ticketing.queue.round.QueueModule;
import dev.ticketing.queue.dynamo.QueueDynamoModule;
import dev.ticketing.reservation.ReservationModule;
import dev.ticketing.reservation.dynamo.ReservationDynamoModule;
import dev.ticketing.sale.dynamo.SaleDynamoModule;
import dev.ticketing.wallet.dynamo.WalletDynamoModule;

/**
 * Everything a function's graph is made of: JSON, logs and metrics, the table, each feature's
 * maintenance steps, and each port bound to its DynamoDB adapter.
 */
@Module(includes = {CoreModule.class, StorageModule.class, MetricsModule.class, CatalogDynamoModule.class, QueueModule.class,
    QueueDynamoModule.class, ReservationModule.class, ReservationDynamoModule.class, WalletDynamoModule.class,
    PaymentDynamoModule.class, SaleDynamoModule.class})
public interface AppModule {}
