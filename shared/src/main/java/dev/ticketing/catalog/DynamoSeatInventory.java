package dev.ticketing.catalog;

import static dev.ticketing.storage.Items.s;

import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Dates and seats in DynamoDB (docs/data-model.md, "Catalogue" and "Reservations"): a date and
 * its seats share the sort-key prefix {@code SCHEDULE#<scheduleId>#}, so one Query reads a date
 * with its seat map, and one Query of {@code SCHEDULE#} every date with its seats.
 */
public final class DynamoSeatInventory implements SeatInventory {
  private static final String INFO_SUFFIX = "#INFO";

  private final Table table;

  @Inject
  public DynamoSeatInventory(Table table) {
    this.table = table;
  }

  @Override
  public List<ScheduleSeats> schedules(String concertId) {
    return group(query(concertId, "SCHEDULE#"));
  }

  @Override
  public Optional<ScheduleSeats> schedule(String concertId, String scheduleId) {
    return group(query(concertId, CatalogKeys.schedulePrefix(scheduleId))).stream().findFirst();
  }

  @Override
  public Optional<Seat> seat(String concertId, String scheduleId, int seatNo) {
    return table.get(Items.key(CatalogKeys.concertPk(concertId), CatalogKeys.seatSk(scheduleId, seatNo)))
        .map(DynamoSeatInventory::seatOf);
  }

  /**
   * Eventually consistent: a browse view may trail a hold by a moment, at half the read cost in
   * a rush; the hold's conditional write, not this view, decides who gets a seat.
   */
  private List<Map<String, AttributeValue>> query(String concertId, String skPrefix) {
    return table.queryAll(query -> query
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", s(CatalogKeys.concertPk(concertId)), ":prefix", s(skPrefix))));
  }

  /** Dates with their seats; seats whose date item is missing are ignored. */
  private static List<ScheduleSeats> group(List<Map<String, AttributeValue>> items) {
    Map<String, Schedule> schedules = new LinkedHashMap<>();
    Map<String, List<Seat>> seats = new LinkedHashMap<>();
    for (Map<String, AttributeValue> item : items) {
      String scheduleId = Items.string(item, "scheduleId");
      if (Items.string(item, "sk").endsWith(INFO_SUFFIX)) {
        schedules.put(scheduleId, scheduleOf(item));
      } else {
        seats.computeIfAbsent(scheduleId, id -> new ArrayList<>()).add(seatOf(item));
      }
    }
    List<ScheduleSeats> result = new ArrayList<>();
    schedules.forEach((id, schedule) -> result.add(new ScheduleSeats(schedule,
        seats.getOrDefault(id, List.of()).stream().sorted(Comparator.comparingInt(Seat::seatNo)).toList())));
    return result;
  }

  private static Schedule scheduleOf(Map<String, AttributeValue> item) {
    return new Schedule(Items.string(item, "concertId"), Items.string(item, "scheduleId"),
        LocalDate.parse(Items.string(item, "date")), Instant.parse(Items.string(item, "startsAt")),
        (int) Items.number(item, "totalSeats"));
  }

  static Seat seatOf(Map<String, AttributeValue> item) {
    SeatStatus status = SeatStatus.valueOf(Items.string(item, "status"));
    Optional<SeatHold> hold = item.containsKey("reservationId") && item.containsKey("holdExpiresAt")
        ? Optional.of(new SeatHold(Items.string(item, "holdUserId"), Items.string(item, "reservationId"),
            Instant.ofEpochMilli(Items.number(item, "holdExpiresAt"))))
        : Optional.empty();
    return new Seat(Items.string(item, "concertId"), Items.string(item, "scheduleId"), (int) Items.number(item, "seatNo"),
        Items.number(item, "price"), status, hold);
  }
}
