package dev.ticketing.catalog.seed;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.CatalogKeys;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.storage.Table;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Loads a {@link SeedCatalog} into the table. Each item is written only if it does not exist
 * yet, so seeding again (or into a live table) never resets a held or sold seat.
 */
public final class CatalogSeeder {
  private final Table table;

  @Inject
  public CatalogSeeder(Table table) {
    this.table = table;
  }

  /** How many items the seeding wrote now, and how many were there already. */
  public record Result(int written, int alreadyPresent) {}

  public Result seed(SeedCatalog catalog) {
    int written = 0;
    int present = 0;
    for (SeedConcert concert : catalog.concerts()) {
      String pk = CatalogKeys.concertPk(concert.concertId());
      Map<String, AttributeValue> concertItem = new HashMap<>();
      concertItem.put("pk", s(pk));
      concertItem.put("sk", s(CatalogKeys.CONCERT_SK));
      concertItem.put("gsi1pk", s(CatalogKeys.CONCERT_LIST));
      concertItem.put("gsi1sk", s(concert.concertId()));
      concertItem.put("concertId", s(concert.concertId()));
      concertItem.put("title", s(concert.title()));
      concertItem.put("artist", s(concert.artist()));
      concertItem.put("venue", s(concert.venue()));
      if (putIfAbsent(concertItem)) { written++; } else { present++; }
      for (SeedSchedule schedule : concert.schedules()) {
        Map<String, AttributeValue> scheduleItem = Map.of(
            "pk", s(pk),
            "sk", s(CatalogKeys.scheduleSk(schedule.scheduleId())),
            "concertId", s(concert.concertId()),
            "scheduleId", s(schedule.scheduleId()),
            "date", s(schedule.date().toString()),
            "startsAt", s(schedule.startsAt().toString()),
            "totalSeats", n(SeedCatalog.SEATS_PER_SCHEDULE));
        if (putIfAbsent(scheduleItem)) { written++; } else { present++; }
        for (int seatNo = 1; seatNo <= SeedCatalog.SEATS_PER_SCHEDULE; seatNo++) {
          SeedCatalog.Section section = concert.sectionOf(seatNo);
          Map<String, AttributeValue> seatItem = Map.of(
              "pk", s(pk),
              "sk", s(CatalogKeys.seatSk(schedule.scheduleId(), seatNo)),
              "concertId", s(concert.concertId()),
              "scheduleId", s(schedule.scheduleId()),
              "seatNo", n(seatNo),
              "section", s(section.name()),
              "price", n(section.price()),
              "status", s("AVAILABLE"));
          if (putIfAbsent(seatItem)) { written++; } else { present++; }
        }
      }
    }
    return new Result(written, present);
  }

  private boolean putIfAbsent(Map<String, AttributeValue> item) {
    return table.put(r -> r.item(item).conditionExpression("attribute_not_exists(pk)"));
  }
}
