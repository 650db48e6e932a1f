package dev.ticketing.queue;

import dev.ticketing.engine.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class QueueLifecycleOnLocalStackTest extends QueueLifecycleContract {}
