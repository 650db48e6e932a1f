package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static dev.ticketing.local.Operators.ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pre-queue's answers through the local runtime over HTTP (docs/api.md, "Queue" and "Pre-queue
 * and the draw"): polls before the opening are paced by the clock, whatever the sale's state,
 * and {@code preQueue} says whether this token waits for the draw, by the token, not by a
 * cached state. Rounds are run one at a time by the test on the runtime's clock, which it moves;
 * the scheduler itself never ticks.
 */
@ExtendWith(DynamoDbExtension.class)
class PreQueuePacingHttpTest {
  private static final String CONCERT = "quiet-dawn";
  private static final String JOIN = "/concerts/" + CONCERT + "/queue/tokens";
  private static final Map<String, String> ENV = Map.of("SCHEDULER_INTERVAL_SECONDS", "3600",
      "QUEUE_PLACEMENT_SETTLE_SECONDS", "3", "QUEUE_JOIN_SHARDS", "4");

  /** Before: a paused pre-queue was told to poll every 2 s, 30 times as often as its opening called for. */
  @Test
  void a_paused_pre_queue_polls_at_the_opening_not_every_two_seconds(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    Instant opening = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    try (LocalHttp http = LocalHttp.start(table, ENV, clock, SmallCatalog.opening(CONCERT, opening))) {
      clock.set(opening.minusSeconds(40));
      http.runtime.runScheduledFunctionsNow();
      ops(table, "pause", "--concert", CONCERT, "--operator", "ops");
      clock.set(opening.minusSeconds(35));
      http.runtime.runScheduledFunctionsNow();
      clock.set(opening.minusSeconds(30));  // past the runtime's one-second view of the queue

      Instant before = clock.instant();
      LocalHttp.Reply joined = http.send("POST", JOIN, as("early", null), null);
      Instant after = clock.instant();
      assertThat(joined.status()).isEqualTo(201);
      JsonNode token = joined.body();
      assertThat(token.get("saleState").asText()).as("the round saw the pause").isEqualTo("PAUSED");
      assertPacedToTheOpening(token, before, after, opening);
      assertThat(token.get("position").isNull()).as("nobody has a place before the opening").isTrue();
      assertThat(token.get("preQueue").asBoolean()).as("joined before the opening: in the pre-queue").isTrue();

      clock.advance(Duration.ofSeconds(10));
      before = clock.instant();
      JsonNode status = status(http, "early", token.get("token").asText());
      after = clock.instant();
      assertThat(status.get("saleState").asText()).isEqualTo("PAUSED");
      assertPacedToTheOpening(status, before, after, opening);
      assertThat(status.get("preQueue").asBoolean()).isTrue();
    }
  }

  @Test
  void a_join_just_after_the_opening_is_not_in_the_pre_queue_though_the_state_still_says_upcoming(TestTable table)
      throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    Instant opening = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    try (LocalHttp http = LocalHttp.start(table, ENV, clock, SmallCatalog.opening(CONCERT, opening))) {
      clock.set(opening.minusSeconds(10));
      http.runtime.runScheduledFunctionsNow();
      JsonNode early = join(http, "early");
      assertThat(early.get("preQueue").asBoolean()).as("joined before the opening").isTrue();

      // Just past the opening, with no round since: the runtime's state still says UPCOMING.
      clock.set(opening.plusMillis(200));
      JsonNode late = join(http, "late");
      assertThat(late.get("saleState").asText()).as("the state is a round old").isEqualTo("UPCOMING");
      assertThat(late.get("position").isNull()).isTrue();
      assertThat(late.get("preQueue").asBoolean()).as("joined after the opening: not in the draw").isFalse();
      assertThat(status(http, "late", late.get("token").asText()).get("preQueue").asBoolean()).isFalse();
      assertThat(status(http, "early", early.get("token").asText()).get("preQueue").asBoolean()).isTrue();

      // The draw places the pre-queue: placed, the early token is no longer in it.
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofSeconds(4));
        http.runtime.runScheduledFunctionsNow();
      }
      clock.advance(Duration.ofSeconds(2));  // past the runtime's one-second view of the queue
      JsonNode placed = status(http, "early", early.get("token").asText());
      assertThat(placed.get("status").asText()).as("drawn first of one: admitted").isEqualTo("ACTIVE");
      assertThat(placed.get("preQueue").asBoolean()).isFalse();
    }
  }

  /** Seconds until the opening, as the server saw them during the request, plus 0-10 s. */
  private static void assertPacedToTheOpening(JsonNode token, Instant before, Instant after, Instant opening) {
    assertThat(token.get("pollAfterSeconds").asInt()).as("seconds until the opening plus 0-10")
        .isBetween(secondsUntil(after, opening), Math.min(60, secondsUntil(before, opening) + 10));
  }

  private static int secondsUntil(Instant now, Instant opening) {
    return (int) Math.ceil(Duration.between(now, opening).toMillis() / 1000.0);
  }

  private static JsonNode join(LocalHttp http, String user) throws Exception {
    LocalHttp.Reply reply = http.send("POST", JOIN, as(user, null), null);
    assertThat(reply.status()).as("join of " + user).isEqualTo(201);
    return reply.body();
  }

  private static JsonNode status(LocalHttp http, String user, String token) throws Exception {
    LocalHttp.Reply reply = http.get("/queue/status", as(user, token));
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }
}
