package dev.ticketing.catalog.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.sale.draw.DrawSeed;
import dev.ticketing.catalog.SeatId;
import dev.ticketing.catalog.seed.CatalogSeeder;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.domain.Instants;
import dev.ticketing.storage.FanOut;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      boolean added = putConcert(concert);
      if (added) { written++; } else { present++; }
      for (SeedSchedule schedule : concert.schedules()) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(CatalogItems.scheduleItem(concert.concertId(), schedule, SeedCatalog.SEATS_PER_SCHEDULE));
        for (int seatNo = 1; seatNo <= SeedCatalog.SEATS_PER_SCHEDULE; seatNo++) {
          SeedCatalog.Section section = concert.sectionOf(seatNo);
          SeatId seat = new SeatId(concert.concertId(), schedule.scheduleId(), seatNo);
          items.add(SeatItems.available(seat, section.name(), section.price()));
        }
        int datesWritten = putAllIfAbsent(items);
        written += datesWritten;
        present += items.size() - datesWritten;
      }
      if (!added) {
        recordLastDate(concert.concertId());
      }
    }
    return new Result(written, present);
  }

  /**
   * A concert that was there already is told the start of the last date it has now, from its
   * stored dates (not the seed's: a date already there keeps its start): this seeding may have added
   * a later one, and a concert seeded before its item recorded it has none. Only ever moved later,
   * so two seedings at once cannot move it back.
   */
  private void recordLastDate(String concertId) {
    Optional<Instant> last = table.queryAll(query -> query
            .keyConditionExpression("pk = :pk AND begins_with(sk, :dates)")
            .filterExpression("attribute_exists(startsAt)")
            .projectionExpression("startsAt")
            .expressionAttributeValues(Map.of(":pk", s(CatalogItems.concertPk(concertId)),
                ":dates", s(CatalogItems.SCHEDULE_PREFIX))))
        .stream().map(date -> Instant.parse(Items.string(date, "startsAt"))).max(Instant::compareTo);
    last.ifPresent(startsAt -> table.update(update -> update.key(CatalogItems.concertKey(concertId))
        .updateExpression("SET #last = :last")
        .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#last) OR #last < :last)")
        .expressionAttributeNames(Map.of("#last", CatalogItems.LAST_DATE))
        .expressionAttributeValues(Map.of(":last", n(startsAt.toEpochMilli())))));
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
