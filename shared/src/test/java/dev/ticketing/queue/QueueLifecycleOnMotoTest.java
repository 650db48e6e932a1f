package dev.ticketing.queue;

import dev.ticketing.engine.junit.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class QueueLifecycleOnMotoTest extends QueueLifecycleContract {}
