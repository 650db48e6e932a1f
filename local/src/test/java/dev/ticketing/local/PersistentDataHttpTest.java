package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static dev.ticketing.local.Journey.charge;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DYNOXIDE_DB_PATH} (or {@code --db-path}) keeps the embedded engine's data in a file: what
 * one runtime wrote, the next one started on the same file reads, and the demo data is not seeded
 * twice. Without it the engine is in memory, and a restart starts afresh.
 */
class PersistentDataHttpTest {

  @Test
  void data_written_before_a_restart_on_the_same_file_is_still_there(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("concerts.db");
    Map<String, String> onFile = Map.of(LocalStorage.DB_PATH, file.toString());
    int concerts;
    try (LocalHttp http = LocalHttp.startWithOwnEngine(onFile)) {
      concerts = http.get("/concerts", Map.of()).body().get("concerts").size();
      charge(http, "keeper", "first", 12_345);
    }
    assertThat(file).exists();
    assertThat(Files.size(file)).isPositive();

    try (LocalHttp http = LocalHttp.startWithOwnEngine(onFile)) {
      assertThat(balance(http, "keeper")).isEqualTo(12_345);
      assertThat(http.get("/concerts", Map.of()).body().get("concerts")).hasSize(concerts);
      charge(http, "keeper", "second", 5);
    }
    try (LocalHttp http = LocalHttp.startWithOwnEngine(onFile)) {
      assertThat(balance(http, "keeper")).isEqualTo(12_350);
    }
    try (LocalHttp http = LocalHttp.startWithOwnEngine(Map.of())) {
      assertThat(balance(http, "keeper")).as("in memory, the default: nothing kept").isZero();
    }
  }

  private static long balance(LocalHttp http, String user) throws Exception {
    return http.get("/users/me/balance", as(user, null)).body().get("balance").asLong();
  }
}
