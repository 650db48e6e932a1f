package dev.ticketing.catalog;

import dev.ticketing.engine.junit.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class CatalogStorageOnLocalStackTest extends CatalogStorageContract {}
