package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web app in a real browser against the real local runtime: Debian's chromium, driven by
 * playwright-core from the repository's node_modules, runs {@code local/src/test/browser/purchase.mjs}.
 * The runtime admits one user at a time, so the second buyer waits in the queue until the first
 * one's payment of a two-seat order ends her session, then finds her seats sold, holds and gives
 * up an order, and meets the ticket limit. Screenshots land in {@code local/target/screenshots/}.
 *
 * <p>Without chromium the test is skipped, except on CI ({@code CI=true}), where it fails
 * ({@link BrowserScript}).
 */
@ExtendWith(DynamoDbExtension.class)
class BrowserTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String SCRIPT = "purchase.mjs";
  static final List<String> SCREENSHOTS = List.of("queue-waiting.png", "seat-map-picked.png", "seat-map-held.png", "seat-map.png",
      "payment-history.png");

  @Test
  void two_buyers_and_a_two_seat_order_in_chromium(TestTable table) throws Exception {
    BrowserScript.requireChromiumAnd("playwright-core");
    Path screenshots = BrowserScript.ROOT.resolve("local/target/screenshots");
    if (Files.isDirectory(screenshots)) {
      try (var old = Files.newDirectoryStream(screenshots, "*.png")) {
        for (Path png : old) {
          Files.delete(png); // no picture of an earlier run passes for this one's
        }
      }
    }

    try (LocalHttp http = LocalHttp.start(table, Map.of(
        "QUEUE_MAX_ACTIVE", "1",
        "SCHEDULER_INTERVAL_SECONDS", "1"))) {
      BrowserScript.run(SCRIPT, Map.of("BASE_URL", http.runtime.baseUri().toString(), "SCREENSHOT_DIR", screenshots.toString()),
          TIMEOUT).assertSucceeded(TIMEOUT);
    }

    for (String name : SCREENSHOTS) {
      Path png = screenshots.resolve(name);
      assertThat(png).as("screenshot " + name).exists();
      byte[] bytes = Files.readAllBytes(png);
      assertThat(bytes.length).as(name + " is a real picture").isGreaterThan(2_000);
      assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).as(name + " is a PNG").isEqualTo("PNG");
    }
  }
}
