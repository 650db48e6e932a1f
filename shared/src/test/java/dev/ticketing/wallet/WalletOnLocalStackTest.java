package dev.ticketing.wallet;

import dev.ticketing.engine.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class WalletOnLocalStackTest extends WalletContract {}
