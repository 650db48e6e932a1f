package dev.ticketing.wallet;

import dagger.Binds;
import dagger.Module;

@Module
public interface WalletModule {
  @Binds
  WalletStore walletStore(DynamoWalletStore dynamo);
}
