package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sale with a pre-queue through the local runtime over HTTP (docs/api.md, "Pre-queue and the draw"):
 * users join before the opening and get no place; the clock passes the opening, maintenance
 * rounds run; the catalogue publishes the seed, the draw's endpoint its order; a client that
 * knows only what the API published recomputes the order with the JDK's HMAC and checks the seed
 * against the commitment it saw before the first join; places and admission follow the draw, and
 * a later joiner comes after the whole pre-queue. Rounds are run one at a time by the test on the
 * runtime's clock, which it moves; the scheduler itself never ticks.
 */
@ExtendWith(DynamoDbExtension.class)
class PreQueueDrawHttpTest {
  private static final String CONCERT = "first-light";
  private static final int PRE_QUEUED = 8;
  private static final int MAX_ACTIVE = 3;
  private static final Duration GRACE = Duration.ofSeconds(120);
  /** Few shards of the join indexes: a round around the opening reads every shard of two of them. */
  private static final Map<String, String> ENV = Map.of("SCHEDULER_INTERVAL_SECONDS", "3600",
      "QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE), "ADMISSION_GRACE_SECONDS", Long.toString(GRACE.toSeconds()),
      "QUEUE_PLACEMENT_SETTLE_SECONDS", "3", "QUEUE_JOIN_SHARDS", "8");

  @Test
  void the_pre_queue_is_drawn_at_the_opening_verifiably_and_admission_follows_the_draw(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    Instant opening = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    try (LocalHttp http = LocalHttp.start(table, ENV, clock, SmallCatalog.opening(CONCERT, opening))) {
      List<String> bodiesBeforeTheSeed = new ArrayList<>();
      JsonNode listed = listing(http, bodiesBeforeTheSeed);
      assertThat(listed.get("saleState").asText()).isEqualTo("UPCOMING");
      assertThat(Instant.parse(listed.get("saleOpensAt").asText())).isEqualTo(opening);
      assertThat(listed.get("drawSeed").isNull()).isTrue();
      String commitment = listed.get("drawCommitment").asText();
      assertThat(commitment).as("published from creation").matches("[0-9a-f]{64}");
      assertDrawNotOpen(http, bodiesBeforeTheSeed);

      // Joins before the opening: no place, and a poll just past the opening (capped at a minute).
      Map<String, Joined> byReceipt = new LinkedHashMap<>();
      clock.set(opening.minus(Duration.ofMinutes(5)));
      Joined first = join(http, "early-0", bodiesBeforeTheSeed);
      assertThat(first.pollAfterSeconds()).as("five minutes ahead: capped").isEqualTo(60);
      byReceipt.put(first.receiptId(), first);
      clock.set(opening.minusSeconds(20));
      for (int i = 1; i < PRE_QUEUED; i++) {
        Instant before = clock.instant();
        Joined early = join(http, "early-" + i, bodiesBeforeTheSeed);
        Instant after = clock.instant();
        assertThat(early.pollAfterSeconds()).as("seconds until the opening plus 0-10")
            .isBetween(secondsUntil(after, opening), secondsUntil(before, opening) + 10);
        byReceipt.put(early.receiptId(), early);
      }
      round(http, clock, Duration.ofSeconds(4));
      for (Joined early : byReceipt.values()) {
        JsonNode status = status(http, early, bodiesBeforeTheSeed);
        assertThat(status.get("position").isNull()).as("nobody has a place before the opening").isTrue();
        assertThat(status.get("saleState").asText()).isEqualTo("UPCOMING");
        assertThat(status.get("preQueue").asBoolean()).isTrue();
      }

      // Open, but the pre-queue takes tokens until its cut-off, a second after the opening: not drawn
      // yet (this clock also runs on with the wall's: the round comes a moment after the opening).
      clock.set(opening);
      http.runtime.runScheduledFunctionsNow();
      assertDrawNotOpen(http, bodiesBeforeTheSeed);
      LocalHttp.Reply lateJoin = http.send("POST", "/concerts/" + CONCERT + "/queue/tokens", as("late", null), null);
      assertThat(lateJoin.status()).isEqualTo(201);
      assertThat(lateJoin.body().get("preQueue").asBoolean()).as("joined after the opening: not in the draw").isFalse();
      bodiesBeforeTheSeed.add(lateJoin.raw().body());
      Joined late = new Joined("late", lateJoin.body().get("token").asText(), lateJoin.body().get("receiptId").asText(), 0);
      for (int i = 0; i < 3; i++) {
        round(http, clock, Duration.ofSeconds(4));
      }

      // What anyone can read now: the seed in the catalogue and the draw, page by page.
      clock.advance(Duration.ofSeconds(6));  // past the catalogue's 5 s cache
      JsonNode published = listing(http, new ArrayList<>());
      String seedHex = published.get("drawSeed").asText();
      assertThat(seedHex).matches("[0-9a-f]{64}");
      assertThat(published.get("drawCommitment").asText()).isEqualTo(commitment);
      assertThat(String.join("\n", bodiesBeforeTheSeed)).as("every response before the seed was published")
          .doesNotContain(seedHex);
      List<String[]> entries = drawPages(http, seedHex);

      byte[] seed = HexFormat.of().parseHex(seedHex);
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed)))
          .as("the seed is the one committed to before the first join").isEqualTo(commitment);
      assertThat(entries).extracting(entry -> entry[0]).as("exactly the pre-queue, each once")
          .containsExactlyInAnyOrderElementsOf(byReceipt.keySet()).doesNotContain(late.receiptId());
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(seed, "HmacSHA256"));
      List<String> recomputed = byReceipt.keySet().stream()
          .map(receipt -> new String[] {receipt, HexFormat.of().formatHex(mac.doFinal(receipt.getBytes(StandardCharsets.UTF_8)))})
          .sorted(Comparator.<String[], String>comparing(entry -> entry[1]).thenComparing(entry -> entry[0]))
          .map(entry -> entry[0] + " " + entry[1])
          .toList();
      assertThat(entries).extracting(entry -> entry[0] + " " + entry[1]).as("the rule applied to the published receipts")
          .containsExactlyElementsOf(recomputed);

      // Places and admission follow the draw; the late joiner waits behind the whole pre-queue.
      List<Joined> drawOrder = entries.stream().map(entry -> byReceipt.get(entry[0])).toList();
      round(http, clock, Duration.ofSeconds(2));
      assertAdmittedInDrawOrder(http, clock, drawOrder, 0, late);
      clock.advance(GRACE.plusSeconds(1));  // the admitted never came back: their slots free up
      http.runtime.runScheduledFunctionsNow();
      round(http, clock, Duration.ofSeconds(2));
      assertAdmittedInDrawOrder(http, clock, drawOrder, MAX_ACTIVE, late);
    }
  }

  private record Joined(String user, String token, String receiptId, int pollAfterSeconds) {}

  /** Draw entries {@code [first, first + MAX_ACTIVE)} are ACTIVE; those after wait at 1, 2, ... in its order. */
  private static void assertAdmittedInDrawOrder(LocalHttp http, MutableClock clock, List<Joined> drawOrder, int first,
      Joined late) throws Exception {
    clock.advance(Duration.ofSeconds(2));  // past the status function's one-second view of the queue
    for (int i = first; i < first + MAX_ACTIVE; i++) {
      assertThat(status(http, drawOrder.get(i), null).get("status").asText()).as("draw place %d", i + 1).isEqualTo("ACTIVE");
    }
    List<Long> positions = new ArrayList<>();
    for (int i = first + MAX_ACTIVE; i < drawOrder.size(); i++) {
      JsonNode waiting = status(http, drawOrder.get(i), null);
      assertThat(waiting.get("status").asText()).as("draw place %d", i + 1).isEqualTo("WAITING");
      assertThat(waiting.get("preQueue").asBoolean()).as("placed by the draw: out of the pre-queue").isFalse();
      positions.add(waiting.get("position").asLong());
    }
    assertThat(positions).as("positions in the draw's order")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, positions.size()).boxed().toList());
    assertThat(status(http, late, null).get("position").asLong()).as("the late joiner, behind the whole pre-queue")
        .isEqualTo(positions.size() + 1L);
  }

  /** Moves the clock on by {@code step}, then runs one maintenance round. */
  private static void round(LocalHttp http, MutableClock clock, Duration step) {
    clock.advance(step);
    http.runtime.runScheduledFunctionsNow();
  }

  private static Joined join(LocalHttp http, String user, List<String> bodies) throws Exception {
    LocalHttp.Reply reply = http.send("POST", "/concerts/" + CONCERT + "/queue/tokens", as(user, null), null);
    bodies.add(reply.raw().body());
    assertThat(reply.status()).as("join of " + user).isEqualTo(201);
    JsonNode body = reply.body();
    assertThat(body.get("status").asText()).isEqualTo("WAITING");
    assertThat(body.get("position").isNull()).as("the pre-queue has no places").isTrue();
    assertThat(body.get("estimatedWaitSeconds").isNull()).isTrue();
    assertThat(body.get("saleState").asText()).isEqualTo("UPCOMING");
    assertThat(body.get("preQueue").asBoolean()).as("joined before the opening").isTrue();
    return new Joined(user, body.get("token").asText(), body.get("receiptId").asText(), body.get("pollAfterSeconds").asInt());
  }

  private static JsonNode status(LocalHttp http, Joined joined, List<String> bodies) throws Exception {
    LocalHttp.Reply reply = http.get("/queue/status", as(joined.user(), joined.token()));
    assertThat(reply.status()).isEqualTo(200);
    if (bodies != null) {
      bodies.add(reply.raw().body());
    }
    return reply.body();
  }

  private static int secondsUntil(Instant now, Instant opening) {
    return (int) Math.ceil(Duration.between(now, opening).toMillis() / 1000.0);
  }

  private static JsonNode listing(LocalHttp http, List<String> bodies) throws Exception {
    LocalHttp.Reply reply = http.get("/concerts?limit=100", Map.of());
    assertThat(reply.status()).isEqualTo(200);
    bodies.add(reply.raw().body());
    for (JsonNode concert : reply.body().get("concerts")) {
      if (concert.get("concertId").asText().equals(CONCERT)) {
        return concert;
      }
    }
    throw new AssertionError(CONCERT + " is not listed: " + reply.raw().body());
  }

  private static void assertDrawNotOpen(LocalHttp http, List<String> bodies) throws Exception {
    LocalHttp.Reply reply = http.get("/concerts/" + CONCERT + "/queue/draw", Map.of());
    bodies.add(reply.raw().body());
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body().get("code").asText()).isEqualTo("DRAW_NOT_OPEN");
  }

  /** The whole draw, three entries a page, each page naming the same seed: {receiptId, hmac} in its order. */
  private static List<String[]> drawPages(LocalHttp http, String seedHex) throws Exception {
    List<String[]> entries = new ArrayList<>();
    String path = "/concerts/" + CONCERT + "/queue/draw?limit=3";
    int pages = 0;
    while (path != null) {
      LocalHttp.Reply page = http.get(path, Map.of());
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.raw().headers().firstValue("cache-control")).contains("public, max-age=60");
      assertThat(page.body().get("drawSeed").asText()).isEqualTo(seedHex);
      page.body().get("entries").forEach(entry -> entries.add(new String[] {entry.get("receiptId").asText(), entry.get("hmac").asText()}));
      JsonNode next = page.body().get("nextCursor");
      path = next.isNull() ? null : "/concerts/" + CONCERT + "/queue/draw?limit=3&cursor="
          + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
      pages++;
    }
    assertThat(pages).as("paged").isGreaterThanOrEqualTo(3);
    return entries;
  }
}
