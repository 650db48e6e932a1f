package dev.ticketing.catalog.seed;

import dev.ticketing.domain.Ids;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Concerts, their dates and seat prices to load into a table: the demo data, or a JSON file
 * of the same shape for a real deployment. Every date has seats 1-50; {@code sections} price
 * them and together must cover 1-50 exactly once.
 */
public record SeedCatalog(List<SeedConcert> concerts) {
  public static final int SEATS_PER_SCHEDULE = 50;

  public SeedCatalog {
    if (concerts == null || concerts.isEmpty()) {
      throw new IllegalArgumentException("concerts: at least one is required");
    }
    concerts = List.copyOf(concerts);
  }

  /**
   * A concert to load. {@code saleOpensAt}: when its sale opens (joins before it enter the
   * pre-queue, placed by the draw at opening); null: open from the moment it is loaded.
   */
  public record SeedConcert(
      String concertId, String title, String artist, String venue,
      List<Section> sections, List<SeedSchedule> schedules, Instant saleOpensAt) {
    /** A concert whose sale is open from the moment it is loaded. */
    public SeedConcert(String concertId, String title, String artist, String venue, List<Section> sections,
        List<SeedSchedule> schedules) {
      this(concertId, title, artist, venue, sections, schedules, null);
    }

    public SeedConcert {
      requireId("concertId", concertId);
      requireText("title", title);
      requireText("artist", artist);
      requireText("venue", venue);
      if (sections == null || schedules == null || schedules.isEmpty()) {
        throw new IllegalArgumentException(concertId + ": sections and at least one schedule are required");
      }
      sections = List.copyOf(sections);
      schedules = List.copyOf(schedules);
      if (saleOpensAt != null && schedules.stream().noneMatch(s -> s.startsAt().isAfter(saleOpensAt))) {
        // Such a sale would be CLOSED the moment it opened: no date would be left to book.
        throw new IllegalArgumentException(concertId + ": saleOpensAt " + saleOpensAt
            + " must be before the start of at least one of its dates");
      }
      for (int seat = 1; seat <= SEATS_PER_SCHEDULE; seat++) {
        int seatNo = seat;
        long covering = sections.stream().filter(s -> s.covers(seatNo)).count();
        if (covering != 1) {
          throw new IllegalArgumentException(concertId + ": seat " + seat + " is priced by " + covering + " sections");
        }
      }
    }

    public Section sectionOf(int seatNo) {
      return sections.stream().filter(s -> s.covers(seatNo)).findFirst().orElseThrow();
    }
  }

  public record Section(String name, int firstSeat, int lastSeat, long price) {
    public Section {
      requireText("section name", name);
      if (firstSeat < 1 || lastSeat > SEATS_PER_SCHEDULE || firstSeat > lastSeat) {
        throw new IllegalArgumentException("section " + name + ": seats must lie within 1-" + SEATS_PER_SCHEDULE);
      }
      if (price < 1) {
        throw new IllegalArgumentException("section " + name + ": price must be a positive number of KRW");
      }
    }

    boolean covers(int seatNo) {
      return seatNo >= firstSeat && seatNo <= lastSeat;
    }
  }

  public record SeedSchedule(String scheduleId, LocalDate date, Instant startsAt) {
    public SeedSchedule {
      requireId("scheduleId", scheduleId);
      if (date == null || startsAt == null) {
        throw new IllegalArgumentException(scheduleId + ": date and startsAt are required");
      }
    }
  }

  private static void requireId(String field, String value) {
    if (!Ids.isValid(value)) {
      throw new IllegalArgumentException(field + " must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-': " + value);
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }
}
