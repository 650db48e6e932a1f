package dev.ticketing.catalog;

import dev.ticketing.engine.junit.DynamoDbExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class CatalogStorageOnDynoxideTest extends CatalogStorageContract {}
