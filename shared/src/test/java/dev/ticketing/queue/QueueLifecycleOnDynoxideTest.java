package dev.ticketing.queue;

import dev.ticketing.engine.junit.DynamoDbExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class QueueLifecycleOnDynoxideTest extends QueueLifecycleContract {}
