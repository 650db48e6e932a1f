package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web app in a real browser against the real local runtime: Debian's chromium, driven by
 * playwright-core from the repository's node_modules, runs the scripts of {@code local/src/test/browser/}.
 * Every buyer signs in through the runtime's development issuer (OpenID Connect, code + PKCE).
 * {@code purchase.mjs}: forged sign-in answers are refused; a reload keeps the session, and an
 * expired or refused access token is refreshed; the runtime admits one user at a time, so the
 * second buyer waits in the queue until the first one's payment of a two-seat order ends her
 * session (she first pays with too little balance and reads why, in Korean, beside the pay button
 * of her phone), then finds her seats sold, holds and gives up an order, and meets the ticket limit; the
 * first signs out at the provider and stays signed out after a reload. {@code sale.mjs}: a
 * pre-queue opening with its public draw, and a sell-out that ends closed; the runtime runs on a
 * clock the script has this test move, so that it skips the wait for the opening; one buyer's phone
 * runs five minutes slow, and his countdown follows the server's clock. Screenshots land in
 * {@code local/target/screenshots/}.
 *
 * <p>Without chromium the tests are skipped, except on CI ({@code CI=true}), where they fail
 * ({@link BrowserScript}).
 */
@ExtendWith(DynamoDbExtension.class)
class BrowserTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Path SCREENSHOTS = BrowserScript.ROOT.resolve("local/target/screenshots");
  private static final List<String> SCREENSHOTS_OF_PURCHASE = List.of("signed-in.png", "queue-waiting.png", "seat-map-picked.png",
      "seat-map-held.png", "seat-map.png", "payment-history.png", "insufficient-balance.png");
  private static final List<String> SCREENSHOTS_OF_SALE = List.of("pre-queue.png", "sold-out.png", "closed.png", "draw.png");
  /**
   * How long after the runtime starts the pre-queue's sale opens: time for everything the script
   * does before it (three browsers start, two join the pre-queue, the other concert sells out and
   * closes: 35-40 s on a loaded 2-core machine), three times over. Nobody waits for
   * it: the script then moves the clocks to the opening.
   */
  private static final Duration PRE_QUEUE_LEAD = Duration.ofMinutes(3);
  private static final String PRE_QUEUE = "dawn-draw";
  private static final String SELL_OUT = "last-seats";
  private static final long SELL_OUT_PRICE = 10_000;
  /** Seats per order and per user: five users take the 50 seats of a date, admitted one after the other. */
  private static final int SELL_OUT_ORDER = 10;

  @Test
  void two_buyers_and_a_two_seat_order_in_chromium(TestTable table) throws Exception {
    BrowserScript.requireChromiumAnd("playwright-core");
    clearScreenshots(SCREENSHOTS);

    try (LocalHttp http = LocalHttp.start(table, Map.of(
        "QUEUE_MAX_ACTIVE", "1",
        "SCHEDULER_INTERVAL_SECONDS", "1"))) {
      BrowserScript.run("purchase.mjs", Map.of("BASE_URL", http.runtime.baseUri().toString(),
          "SCREENSHOT_DIR", SCREENSHOTS.toString()), TIMEOUT).assertSucceeded(TIMEOUT);
    }

    assertScreenshots(SCREENSHOTS, SCREENSHOTS_OF_PURCHASE);
  }

  @Test
  void a_pre_queue_opening_and_a_sell_out_in_chromium(TestTable table) throws Exception {
    BrowserScript.requireChromiumAnd("playwright-core");
    Path screenshots = SCREENSHOTS.resolve("sale");
    clearScreenshots(screenshots);
    String order = Integer.toString(SELL_OUT_ORDER);
    // The system clock until the script asks to move it on; the scheduler still ticks every real
    // second. The demo catalogue too, as the runtime of the other test has it.
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.start(table, Map.of(
        "QUEUE_MAX_ACTIVE", "1",
        "SCHEDULER_INTERVAL_SECONDS", "1",
        "MAX_SEATS_PER_ORDER", order,
        "MAX_TICKETS_PER_USER", order), clock, DemoCatalog.create(clock))) {
      // Seeded once the runtime is up (its start is slow on a busy machine), so the lead is the browsers' alone.
      Instant now = clock.instant();
      Instant opening = now.plus(PRE_QUEUE_LEAD).truncatedTo(ChronoUnit.SECONDS);
      TestApp.on(table, clock).catalogSeeder().seed(saleCatalog(now, opening));
      awaitListed(http, PRE_QUEUE);
      BrowserScript.run("sale.mjs", Map.of("BASE_URL", http.runtime.baseUri().toString(),
          "SCREENSHOT_DIR", screenshots.toString(),
          "PRE_QUEUE_CONCERT", PRE_QUEUE, "OPENS_AT", opening.toString(), "MOVABLE_CLOCK", "true",
          "SELL_OUT_CONCERT", SELL_OUT, "SELL_OUT_DATE", SELL_OUT + "-1", "SELL_OUT_PRICE", Long.toString(SELL_OUT_PRICE),
          "SELL_OUT_ORDER", order),
          TIMEOUT, request -> advanceClock(clock, request)).assertSucceeded(TIMEOUT);
    }

    assertScreenshots(screenshots, SCREENSHOTS_OF_SALE);
  }

  /** The script's one request, "advance-clock MILLIS": moves the runtime's clock on (its browsers' are the script's). */
  private static String advanceClock(MutableClock clock, String request) {
    String[] words = request.split(" ");
    if (words.length != 2 || !words[0].equals("advance-clock")) {
      throw new IllegalArgumentException("unknown request: " + request);
    }
    clock.advance(Duration.ofMillis(Long.parseLong(words[1])));
    return "advanced to " + clock.instant();
  }

  /** Until the page of concerts the web app asks for lists the concert (pages are kept for up to 5 s). */
  private static void awaitListed(LocalHttp http, String concertId) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(15);
    while (!http.get("/concerts?limit=20", Map.of()).body().toString().contains("\"" + concertId + "\"")) {
      assertThat(Instant.now()).as(concertId + " is listed within 15 s").isBefore(deadline);
      Thread.sleep(500);
    }
  }

  /** A concert whose sale opens at {@code opening}, and one of a single date on sale now: 50 seats at one price. */
  private static SeedCatalog saleCatalog(Instant now, Instant opening) {
    return new SeedCatalog(List.of(
        new SeedConcert(PRE_QUEUE, "Dawn Draw Live", "The Early Birds", "Daybreak Hall",
            List.of(new Section("R", 1, SeedCatalog.SEATS_PER_SCHEDULE, 50_000)),
            List.of(date(PRE_QUEUE + "-1", now.plus(Duration.ofDays(30)))), opening),
        new SeedConcert(SELL_OUT, "Last Seats Standing", "The Late Crowd", "Small Room",
            List.of(new Section("R", 1, SeedCatalog.SEATS_PER_SCHEDULE, SELL_OUT_PRICE)),
            List.of(date(SELL_OUT + "-1", now.plus(Duration.ofDays(7)))))));
  }

  private static SeedSchedule date(String id, Instant startsAt) {
    return new SeedSchedule(id, startsAt.atZone(ZoneOffset.UTC).toLocalDate(), startsAt);
  }

  /** No picture of an earlier run passes for this one's. */
  private static void clearScreenshots(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var old = Files.newDirectoryStream(dir, "*.png")) {
        for (Path png : old) {
          Files.delete(png);
        }
      }
    }
  }

  private static void assertScreenshots(Path dir, List<String> names) throws IOException {
    for (String name : names) {
      Path png = dir.resolve(name);
      assertThat(png).as("screenshot " + name).exists();
      byte[] bytes = Files.readAllBytes(png);
      assertThat(bytes.length).as(name + " is a real picture").isGreaterThan(2_000);
      assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).as(name + " is a PNG").isEqualTo("PNG");
    }
  }
}
