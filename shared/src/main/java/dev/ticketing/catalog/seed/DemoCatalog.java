package dev.ticketing.catalog.seed;

import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.domain.Instants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The demo data of the local runtime: four concerts, five future dates each, seats priced by
 * section. Three are on sale from the start; the sale of {@value #OPENING_SOON} opens
 * {@link #OPENS_AFTER} after the data is made, so whoever starts the runtime sees a pre-queue, its
 * draw and its opening happen.
 */
public final class DemoCatalog {
  /** The demo concert whose sale opens shortly after the runtime starts. */
  public static final String OPENING_SOON = "opening-night";
  public static final Duration OPENS_AFTER = Duration.ofMinutes(2);
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
        concert("hangang-jazz-night", "Hangang Jazz Night", "Min-ji Park Quartet", "Blue Square", today.plusDays(2), LocalTime.of(20, 0)),
        concert(OPENING_SOON, "Opening Night", "Seoul Rising Stars", "Yes24 Live Hall", today.plusDays(3), LocalTime.of(19, 30),
            Instants.now(clock).plus(OPENS_AFTER).truncatedTo(ChronoUnit.SECONDS))));
  }

  private static SeedConcert concert(String id, String title, String artist, String venue, LocalDate first, LocalTime time) {
    return concert(id, title, artist, venue, first, time, null);
  }

  private static SeedConcert concert(String id, String title, String artist, String venue, LocalDate first, LocalTime time,
      Instant saleOpensAt) {
    List<SeedSchedule> schedules = IntStream.rangeClosed(1, 5)
        .mapToObj(week -> {
          LocalDate date = first.plusWeeks(week);
          return new SeedSchedule(id + "-" + week, date,
              date.atTime(time).atZone(SEOUL).withZoneSameInstant(ZoneOffset.UTC).toInstant());
        })
        .toList();
    return new SeedConcert(id, title, artist, venue, SECTIONS, schedules, saleOpensAt);
  }
}
