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
  void demo_has_four_concerts_of_five_future_dates_priced_by_section() {
    SeedCatalog demo = DemoCatalog.create(CLOCK);
    assertThat(demo.concerts()).hasSize(4);
    demo.concerts().forEach(concert -> {
      assertThat(concert.schedules()).hasSize(5);
      assertThat(concert.schedules()).allSatisfy(s -> assertThat(s.startsAt()).isAfter(CLOCK.instant()));
      assertThat(concert.sectionOf(1).price()).isGreaterThan(concert.sectionOf(50).price());
    });
  }

  @Test
  void one_demo_sale_opens_two_minutes_after_the_data_is_made_and_the_others_are_open() {
    Clock later = Clock.fixed(Instant.parse("2026-11-25T08:15:42.750Z"), ZoneOffset.UTC);
    SeedCatalog demo = DemoCatalog.create(later);
    assertThat(demo.concerts()).filteredOn(concert -> concert.saleOpensAt() != null)
        .extracting(SeedConcert::concertId).containsExactly(DemoCatalog.OPENING_SOON);
    SeedConcert soon = demo.concerts().stream().filter(c -> c.concertId().equals(DemoCatalog.OPENING_SOON)).findFirst().orElseThrow();
    assertThat(soon.saleOpensAt()).as("relative to the clock when the runtime starts, to the second")
        .isEqualTo(Instant.parse("2026-11-25T08:17:42Z"));
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
  void a_sale_must_open_before_its_last_date_starts() {
    List<SeedSchedule> one = List.of(new SeedSchedule("d1", LocalDate.parse("2026-12-24"), Instant.parse("2026-12-24T10:00:00Z")));
    List<Section> all = List.of(new Section("A", 1, 50, 1000));
    assertThatThrownBy(() -> new SeedConcert("c", "t", "a", "v", all, one, Instant.parse("2026-12-24T10:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("c: saleOpensAt 2026-12-24T10:00:00Z must be before the start of at least one of its dates");
    assertThat(new SeedConcert("c", "t", "a", "v", all, one, Instant.parse("2026-12-24T09:59:59Z")).saleOpensAt())
        .isEqualTo(Instant.parse("2026-12-24T09:59:59Z"));
  }

  @Test
  void reads_sale_opens_at_per_concert_and_null_where_it_is_left_out() throws Exception {
    String json = """
        {"concerts": [
          {"concertId": "early", "title": "T", "artist": "A", "venue": "V", "saleOpensAt": "2026-12-01T03:00:00Z",
           "sections": [{"name": "ALL", "firstSeat": 1, "lastSeat": 50, "price": 99000}],
           "schedules": [{"scheduleId": "early-d1", "date": "2026-12-24", "startsAt": "2026-12-24T10:00:00Z"}]},
          {"concertId": "open", "title": "T", "artist": "A", "venue": "V",
           "sections": [{"name": "ALL", "firstSeat": 1, "lastSeat": 50, "price": 99000}],
           "schedules": [{"scheduleId": "open-d1", "date": "2026-12-24", "startsAt": "2026-12-24T10:00:00Z"}]}]}
        """;
    SeedCatalog catalog = JsonMapper.create().readValue(json, SeedCatalog.class);
    assertThat(catalog.concerts()).extracting(SeedConcert::saleOpensAt)
        .containsExactly(Instant.parse("2026-12-01T03:00:00Z"), null);
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
