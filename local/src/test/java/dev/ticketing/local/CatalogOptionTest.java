package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar concert-local.jar --catalog FILE}: the runtime starts from a catalogue file
 * instead of the demo data, and a file it cannot use is refused with the field at fault named.
 */
@ExtendWith(DynamoDbExtension.class)
class CatalogOptionTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
  private static final String CATALOG = """
      {"concerts": [{"concertId": "spring-gala", "title": "Spring Gala", "artist": "A", "venue": "V",
        "saleOpensAt": "%s",
        "sections": [{"name": "ALL", "firstSeat": 1, "lastSeat": 50, "price": 50000}],
        "schedules": [{"scheduleId": "spring-gala-1", "date": "2027-03-21", "startsAt": "2027-03-21T10:00:00Z"}]}]}
      """;

  @TempDir
  Path dir;

  @Test
  void the_runtime_serves_the_catalogue_file_instead_of_the_demo_data(TestTable table) throws Exception {
    Path file = write("2027-01-10T03:00:00Z");
    LocalMain.Serving serving = LocalMain.serving(new String[] {"--catalog", file.toString(), "--db-path", "x.db"}, Map.of(),
        Clock.systemUTC());
    assertThat(serving.catalogName()).isEqualTo("the catalogue " + file);
    assertThat(serving.env()).containsEntry(LocalStorage.DB_PATH, "x.db");

    try (LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "3600"), serving.clock(),
        serving.catalog())) {
      JsonNode concerts = http.get("/concerts", Map.of()).body().get("concerts");
      assertThat(concerts).hasSize(1);
      assertThat(concerts.get(0).get("concertId").asText()).isEqualTo("spring-gala");
      assertThat(concerts.get(0).get("saleOpensAt").asText()).isEqualTo("2027-01-10T03:00:00Z");
      assertThat(concerts.get(0).get("saleState").asText()).isEqualTo("UPCOMING");
    }
  }

  @Test
  void without_the_option_it_serves_the_demo_data_made_on_its_clock() throws Exception {
    LocalMain.Serving serving = LocalMain.serving(new String[0], Map.of(), CLOCK);
    assertThat(serving.catalogName()).isEqualTo("demo data");
    assertThat(serving.catalog()).isEqualTo(DemoCatalog.create(CLOCK));
  }

  @Test
  void a_sale_opening_that_is_not_an_instant_is_refused_with_its_field_named() throws Exception {
    Path file = write("2027-01-10 03:00");
    assertThatThrownBy(() -> LocalMain.serving(new String[] {"--catalog", file.toString()}, Map.of(), CLOCK))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot read the catalogue " + file + ": concerts[0].saleOpensAt: '2027-01-10 03:00' is not an"
            + " ISO-8601 instant such as 2026-12-24T10:00:00Z");
  }

  @Test
  void a_sale_opening_after_every_date_is_refused_with_the_concert_named() throws Exception {
    Path file = write("2027-03-21T10:00:00Z");
    assertThatThrownBy(() -> LocalMain.serving(new String[] {"--catalog", file.toString()}, Map.of(), CLOCK))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot read the catalogue " + file + ": concerts[0]: spring-gala: saleOpensAt 2027-03-21T10:00:00Z"
            + " must be before the start of at least one of its dates");
  }

  @Test
  void a_missing_file_a_missing_value_and_an_unknown_option_are_refused() {
    assertThatThrownBy(() -> LocalMain.serving(new String[] {"--catalog", dir.resolve("none.json").toString()}, Map.of(), CLOCK))
        .isInstanceOf(IOException.class).hasMessageContaining("cannot read the catalogue").hasMessageContaining("none.json");
    assertThatThrownBy(() -> LocalMain.serving(new String[] {"--catalog"}, Map.of(), CLOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--catalog needs a value");
    assertThatThrownBy(() -> LocalMain.serving(new String[] {"--catalogue", "x.json"}, Map.of(), CLOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option --catalogue");
  }

  private Path write(String saleOpensAt) throws IOException {
    Path file = dir.resolve("catalog.json");
    Files.writeString(file, CATALOG.formatted(saleOpensAt));
    return file;
  }
}
