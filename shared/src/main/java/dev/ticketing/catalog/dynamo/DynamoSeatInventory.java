package dev.ticketing.catalog.dynamo;

import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.Schedule;
import dev.ticketing.catalog.ScheduleSeats;
import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.SeatInventory;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Dates and seats in DynamoDB (docs/data-model.md, "Catalogue" and "Reservations"): a date and
 * its seats share the sort-key prefix {@code SCHEDULE#<scheduleId>#}, so one Query reads a date
 * with its seat map, and one Query of {@code SCHEDULE#} every date with its seats.
 */
@Singleton
final class DynamoSeatInventory implements SeatInventory {
  private final Table table;

  @Inject
  DynamoSeatInventory(Table table, StoragePriming priming) {
    this.table = table;
    // The Query of a concert's dates and seats.
    priming.query(CatalogItems.CONCERT_PREFIX);
  }

  @Override
  public List<ScheduleSeats> schedules(String concertId) {
    return group(query(concertId, CatalogItems.SCHEDULE_PREFIX));
  }

  @Override
  public Optional<ScheduleSeats> schedule(String concertId, String scheduleId) {
    return group(query(concertId, CatalogItems.schedulePrefix(scheduleId))).stream().findFirst();
  }

  /**
   * Eventually consistent: a browse view may trail a hold by a moment, at half the read cost in
   * a rush; the hold's conditional write, not this view, decides who gets a seat.
   */
  private List<Map<String, AttributeValue>> query(String concertId, String skPrefix) {
    return table.queryAll(query -> query
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", s(CatalogItems.concertPk(concertId)), ":prefix", s(skPrefix))));
  }

  /** Dates with their seats; seats whose date item is missing are ignored. */
  private static List<ScheduleSeats> group(List<Map<String, AttributeValue>> items) {
    Map<String, Schedule> schedules = new LinkedHashMap<>();
    Map<String, List<Seat>> seats = new LinkedHashMap<>();
    for (Map<String, AttributeValue> item : items) {
      String scheduleId = Items.string(item, "scheduleId");
      if (CatalogItems.isSchedule(item)) {
        schedules.put(scheduleId, CatalogItems.scheduleOf(item));
      } else {
        seats.computeIfAbsent(scheduleId, id -> new ArrayList<>()).add(SeatItems.seatOf(item));
      }
    }
    List<ScheduleSeats> result = new ArrayList<>();
    schedules.forEach((id, schedule) -> result.add(new ScheduleSeats(schedule,
        seats.getOrDefault(id, List.of()).stream().sorted(Comparator.comparingInt(Seat::seatNo)).toList())));
    return result;
  }
}
