package dev.ticketing.catalog;

import dev.ticketing.engine.junit.MotoExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class CatalogStorageOnMotoTest extends CatalogStorageContract {}
