package dev.ticketing.catalog.dynamo;

import dev.ticketing.catalog.DrawSeed;
import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.seed.CatalogSeeder;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.domain.Instants;
import dev.ticketing.storage.FanOut;
import dev.ticketing.storage.Table;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Loads a {@link SeedCatalog} into the table. Each item is written only if it does not exist
 * yet, so seeding again (or into a live table) never resets a held or sold seat.
 */
final class DynamoCatalogSeeder implements CatalogSeeder {
  private final Table table;
  private final Clock clock;
  private final FanOut fanOut;

  @Inject
  DynamoCatalogSeeder(Table table, Clock clock, FanOut fanOut) {
    this.table = table;
    this.clock = clock;
    this.fanOut = fanOut;
  }

  @Override
  public Result seed(SeedCatalog catalog) {
    int written = 0;
    int present = 0;
    for (SeedConcert concert : catalog.concerts()) {
      if (putConcert(concert)) { written++; } else { present++; }
      for (SeedSchedule schedule : concert.schedules()) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(CatalogItems.scheduleItem(concert.concertId(), schedule, SeedCatalog.SEATS_PER_SCHEDULE));
        for (int seatNo = 1; seatNo <= SeedCatalog.SEATS_PER_SCHEDULE; seatNo++) {
          SeedCatalog.Section section = concert.sectionOf(seatNo);
          SeatId seat = new SeatId(concert.concertId(), schedule.scheduleId(), seatNo);
          items.add(SeatItems.available(seat, section.name(), section.price()));
        }
        int added = putAllIfAbsent(items);
        written += added;
        present += items.size() - added;
      }
    }
    return new Result(written, present);
  }

  /**
   * A date and its seats, each only if absent (seeding again, or into a live table, overwrites
   * nothing), sent side by side: a catalogue is a thousand small writes. Returns how many were
   * written. (One transaction per date would be fewer requests, but some engines copy the whole
   * table for every transaction.)
   */
  private int putAllIfAbsent(List<Map<String, AttributeValue>> items) {
    return (int) fanOut.map(items, this::putIfAbsent).stream().filter(Boolean::booleanValue).count();
  }

  /**
   * The concert and its draw's secret seed, together or not at all: a concert is never listed
   * with a commitment to a seed that was not kept.
   */
  private boolean putConcert(SeedConcert concert) {
    DrawSeed seed = DrawSeed.generate();
    return table.transact(List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(CatalogItems.concertItem(concert, seed, Instants.now(clock)))
            .conditionExpression("attribute_not_exists(pk)")).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(CatalogItems.seedItem(concert.concertId(), seed))
            .conditionExpression("attribute_not_exists(pk)")).build())).committed();
  }

  private boolean putIfAbsent(Map<String, AttributeValue> item) {
    return table.put(r -> r.item(item).conditionExpression("attribute_not_exists(pk)"));
  }
}
