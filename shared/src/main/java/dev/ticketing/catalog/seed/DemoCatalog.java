package dev.ticketing.catalog.seed;

import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

/** The demo data of the local runtime: three concerts, five future dates each, seats priced by section. */
public final class DemoCatalog {
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final List<Section> SECTIONS = List.of(
      new Section("VIP", 1, 10, 150_000),
      new Section("R", 11, 30, 110_000),
      new Section("S", 31, 50, 80_000));

  private DemoCatalog() {}

  /**
   * Dates one to five weeks after today, at 19:00 in Seoul, so they stay bookable whenever it runs.
   * Their ids do not change with the day ({@code winter-gala-1} is the first date of the Winter
   * Gala), so the sample events of {@code events/} name dates the demo data always has.
   */
  public static SeedCatalog create(Clock clock) {
    LocalDate today = LocalDate.now(clock.withZone(SEOUL));
    return new SeedCatalog(List.of(
        concert("winter-gala", "Winter Gala", "Seoul Philharmonic Orchestra", "Lotte Concert Hall", today, LocalTime.of(19, 0)),
        concert("neon-tide-tour", "Neon Tide World Tour", "Neon Tide", "KSPO Dome", today.plusDays(1), LocalTime.of(18, 0)),
        concert("hangang-jazz-night", "Hangang Jazz Night", "Min-ji Park Quartet", "Blue Square", today.plusDays(2), LocalTime.of(20, 0))));
  }

  private static SeedConcert concert(String id, String title, String artist, String venue, LocalDate first, LocalTime time) {
    List<SeedSchedule> schedules = IntStream.rangeClosed(1, 5)
        .mapToObj(week -> {
          LocalDate date = first.plusWeeks(week);
          return new SeedSchedule(id + "-" + week, date,
              date.atTime(time).atZone(SEOUL).withZoneSameInstant(ZoneOffset.UTC).toInstant());
        })
        .toList();
    return new SeedConcert(id, title, artist, venue, SECTIONS, schedules);
  }
}
