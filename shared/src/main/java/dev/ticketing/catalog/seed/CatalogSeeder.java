package dev.ticketing.catalog.seed;

/** Writes a catalogue into storage; items already there are left as they are. */
public interface CatalogSeeder {

  /** How many items the seeding wrote now, and how many were there already. */
  record Result(int written, int alreadyPresent) {}

  Result seed(SeedCatalog catalog);
}
