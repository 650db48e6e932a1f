package dev.ticketing.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.dynamo.CatalogItems;
import dev.ticketing.catalog.dynamo.SeatItems;
import dev.ticketing.catalog.seed.CatalogSeeder;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wiring.AppComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.ticketing.sale.SaleState;

/**
 * Storage behaviour of the catalogue, written once and run against every engine: the embedded
 * one always, moto where it is installed, LocalStack where a Docker engine exists.
 */
abstract class CatalogStorageContract {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void a_concert_whose_sale_opens_later_is_listed_upcoming_from_its_creation_before_any_round(TestTable table) {
    AppComponent app = TestApp.on(table, CLOCK);
    Instant opensAt = CLOCK.instant().plus(Duration.ofMinutes(2));
    app.catalogSeeder().seed(new SeedCatalog(List.of(
        concert("open-now", null, CLOCK.instant().plus(Duration.ofDays(7))),
        concert("opens-later", opensAt, CLOCK.instant().plus(Duration.ofDays(30))))));
    List<Concert> listed = app.listConcerts().list(new PageRequest(20, Optional.empty())).items();
    assertThat(listed).extracting(Concert::concertId).containsExactly("open-now", "opens-later");
    assertThat(listed.get(1)).satisfies(concert -> {
      assertThat(concert.saleState()).isEqualTo(SaleState.UPCOMING);
      assertThat(concert.saleOpensAt()).isEqualTo(opensAt);
      assertThat(concert.drawSeed()).isNull();
    });
    assertThat(listed.get(0).saleState()).isEqualTo(SaleState.OPEN);
  }

  @Test
  void lists_the_seeded_concerts_in_pages(TestTable table) {
    AppComponent app = TestApp.on(table, CLOCK);
    Instant starts = CLOCK.instant().plus(Duration.ofDays(7));
    // Seeded out of order: the list is in concert id order.
    app.catalogSeeder().seed(new SeedCatalog(List.of(concert("d-concert", null, starts), concert("b-concert", null, starts),
        concert("a-concert", null, starts), concert("c-concert", null, starts))));

    List<String> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    int pages = 0;
    do {
      Page<Concert> page = app.listConcerts().list(new PageRequest(2, after));
      page.items().forEach(c -> seen.add(c.concertId()));
      after = page.continueAfter();
      pages++;
    } while (after.isPresent());

    assertThat(pages).isEqualTo(2);
    assertThat(seen).containsExactly("a-concert", "b-concert", "c-concert", "d-concert");
    Concert last = app.listConcerts().list(new PageRequest(20, Optional.empty())).items().get(3);
    assertThat(last).usingRecursiveComparison().ignoringFields("drawCommitment")
        .isEqualTo(new Concert("d-concert", "Title of d-concert", "Artist of d-concert", "Hall of d-concert", null,
            SaleState.OPEN, null, null));
    assertThat(last.drawCommitment()).as("SHA-256 of the seed, published from creation").matches("[0-9a-f]{64}");
  }

  @Test
  void an_empty_catalogue_is_one_empty_page(TestTable table) {
    Page<Concert> page = TestApp.on(table, CLOCK).listConcerts().list(new PageRequest(20, Optional.empty()));
    assertThat(page.items()).isEmpty();
    assertThat(page.continueAfter()).isEmpty();
  }

  @Test
  void seeding_writes_every_seat_once_and_never_resets_a_changed_one(TestTable table) {
    CatalogSeeder seeder = TestApp.on(table, CLOCK).catalogSeeder();
    Instant week = CLOCK.instant().plus(Duration.ofDays(7));
    Instant fortnight = CLOCK.instant().plus(Duration.ofDays(14));
    SeedCatalog catalog = new SeedCatalog(List.of(tour(Map.of("tour-1", week, "tour-2", fortnight)).concerts().get(0),
        concert("solo", null, week)));
    // 2 concerts, 3 dates, 50 seats per date.
    assertThat(seeder.seed(catalog)).isEqualTo(new CatalogSeeder.Result(2 + 3 + 150, 0));

    Map<String, AttributeValue> seatKey = SeatItems.key(new SeatId("tour", "tour-1", 7));
    table.client().updateItem(r -> r.tableName(table.name()).key(seatKey)
        .updateExpression("SET #s = :sold").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":sold", AttributeValue.fromS("SOLD"))));

    assertThat(seeder.seed(catalog)).isEqualTo(new CatalogSeeder.Result(0, 155));
    Map<String, AttributeValue> seat = table.client().getItem(r -> r.tableName(table.name()).key(seatKey).consistentRead(true)).item();
    assertThat(Items.string(seat, "status")).isEqualTo("SOLD");
    assertThat(Items.number(seat, "price")).isEqualTo(90_000);
  }

  @Test
  void a_concert_records_its_last_date_and_seeding_again_only_moves_it_later_to_a_date_it_stored(TestTable table) {
    TestComponent app = TestApp.on(table, CLOCK);
    Instant week = CLOCK.instant().plus(Duration.ofDays(7));
    Instant fortnight = CLOCK.instant().plus(Duration.ofDays(14));
    Instant month = CLOCK.instant().plus(Duration.ofDays(30));
    app.catalogSeeder().seed(tour(Map.of("tour-2", fortnight, "tour-1", week)));
    assertThat(app.concertCatalog().lastDates()).containsExactly(new ConcertLastDate("tour", Optional.of(fortnight)));

    // A later date added to the concert.
    app.catalogSeeder().seed(tour(Map.of("tour-1", week, "tour-2", fortnight, "tour-3", month)));
    assertThat(app.concertCatalog().lastDates()).containsExactly(new ConcertLastDate("tour", Optional.of(month)));

    // Its dates seeded again with other starts (as the demo catalogue on another day): a stored date
    // keeps its start, and the last date with it.
    app.catalogSeeder().seed(tour(Map.of("tour-1", week.plus(Duration.ofDays(100)))));
    assertThat(app.concertCatalog().lastDates()).containsExactly(new ConcertLastDate("tour", Optional.of(month)));

    // A concert seeded before its item recorded the last date: seeding again records it.
    table.client().updateItem(r -> r.tableName(table.name()).key(CatalogItems.concertKey("tour"))
        .updateExpression("REMOVE lastDateStartsAt"));
    assertThat(app.concertCatalog().lastDates()).containsExactly(new ConcertLastDate("tour", Optional.empty()));
    app.catalogSeeder().seed(tour(Map.of("tour-1", week)));
    assertThat(app.concertCatalog().lastDates()).containsExactly(new ConcertLastDate("tour", Optional.of(month)));
  }

  /**
   * A concert of one date. Catalogues here stay small on purpose: the same contract runs on moto,
   * where every write costs milliseconds and every transaction copies the whole table.
   */
  private static SeedCatalog.SeedConcert concert(String concertId, Instant saleOpensAt, Instant startsAt) {
    return new SeedCatalog.SeedConcert(concertId, "Title of " + concertId, "Artist of " + concertId, "Hall of " + concertId,
        List.of(new SeedCatalog.Section("R", 1, 50, 90_000)),
        List.of(new SeedCatalog.SeedSchedule(concertId + "-1", startsAt.atZone(ZoneOffset.UTC).toLocalDate(), startsAt)),
        saleOpensAt);
  }

  private static SeedCatalog tour(Map<String, Instant> dates) {
    List<SeedCatalog.SeedSchedule> schedules = dates.entrySet().stream()
        .map(date -> new SeedCatalog.SeedSchedule(date.getKey(), date.getValue().atZone(ZoneOffset.UTC).toLocalDate(),
            date.getValue()))
        .toList();
    return new SeedCatalog(List.of(new SeedCatalog.SeedConcert("tour", "Tour", "Band", "Hall",
        List.of(new SeedCatalog.Section("R", 1, 50, 90_000)), schedules)));
  }
}
