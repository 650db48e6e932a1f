package dev.ticketing.wallet;

import dev.ticketing.engine.junit.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class WalletOnMotoTest extends WalletContract {}
