package dev.ticketing.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedCatalogTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void demo_has_three_concerts_of_five_future_dates_priced_by_section() {
    SeedCatalog demo = DemoCatalog.create(CLOCK);
    assertThat(demo.concerts()).hasSize(3);
    demo.concerts().forEach(concert -> {
      assertThat(concert.schedules()).hasSize(5);
      assertThat(concert.schedules()).allSatisfy(s -> assertThat(s.startsAt()).isAfter(CLOCK.instant()));
      assertThat(concert.sectionOf(1).price()).isGreaterThan(concert.sectionOf(50).price());
    });
  }

  @Test
  void sections_must_cover_every_seat_exactly_once() {
    List<SeedSchedule> one = List.of(new SeedSchedule("d1", LocalDate.parse("2026-12-24"), Instant.parse("2026-12-24T10:00:00Z")));
    assertThatThrownBy(() -> new SeedConcert("c", "t", "a", "v", List.of(new Section("A", 1, 49, 1000)), one))
        .hasMessageContaining("seat 50");
    assertThatThrownBy(() -> new SeedConcert("c", "t", "a", "v",
        List.of(new Section("A", 1, 30, 1000), new Section("B", 30, 50, 900)), one))
        .hasMessageContaining("seat 30");
  }

  @Test
  void reads_the_documented_json_file_shape() throws Exception {
    String json = """
        {"concerts": [{"concertId": "c-1", "title": "T", "artist": "A", "venue": "V",
          "sections": [{"name": "ALL", "firstSeat": 1, "lastSeat": 50, "price": 99000}],
          "schedules": [{"scheduleId": "c-1-d1", "date": "2026-12-24", "startsAt": "2026-12-24T10:00:00Z"}]}]}
        """;
    SeedCatalog catalog = JsonMapper.create().readValue(json, SeedCatalog.class);
    assertThat(catalog.concerts().get(0).sectionOf(33).price()).isEqualTo(99_000);
    assertThat(catalog.concerts().get(0).schedules().get(0).date()).isEqualTo(LocalDate.parse("2026-12-24"));
  }
}
