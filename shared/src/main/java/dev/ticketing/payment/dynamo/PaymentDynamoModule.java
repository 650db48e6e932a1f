package dev.ticketing.payment.dynamo;

import dagger.Binds;
import dagger.Module;
import dev.ticketing.payment.PaymentHistory;
import dev.ticketing.payment.PaymentStore;

/** The payment feature's ports, bound to their DynamoDB adapters. */
@Module
public interface PaymentDynamoModule {
  @Binds
  PaymentStore paymentStore(DynamoPaymentStore dynamo);

  @Binds
  PaymentHistory paymentHistory(DynamoPaymentHistory dynamo);
}
