package dev.ticketing.wallet.dynamo;

import dagger.Binds;
import dagger.Module;
import dev.ticketing.wallet.BalanceStore;
import dev.ticketing.wallet.ChargeStore;

/** The wallet's ports, bound to their DynamoDB adapters. */
@Module
public interface WalletDynamoModule {
  @Binds
  BalanceStore balanceStore(DynamoBalanceStore dynamo);

  @Binds
  ChargeStore chargeStore(DynamoChargeStore dynamo);
}
