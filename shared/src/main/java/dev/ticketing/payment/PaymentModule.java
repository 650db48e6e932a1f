package dev.ticketing.payment;

import dagger.Binds;
import dagger.Module;

@Module
public interface PaymentModule {
  @Binds
  PaymentStore paymentStore(DynamoPaymentStore dynamo);
}
