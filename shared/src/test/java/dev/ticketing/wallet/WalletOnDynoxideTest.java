package dev.ticketing.wallet;

import dev.ticketing.engine.junit.DynamoDbExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class WalletOnDynoxideTest extends WalletContract {}
