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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A close leaves nothing behind (docs/reliability.md, "A closed sale leaves nothing behind"),
 * through the local runtime over HTTP: a token the close ended stays CLOSED, is never drawn, placed
 * or admitted, so a reopened sale admits its new joiners at once however many were closed; and the
 * holds of the turns a close ended give their seats back, and cannot be paid with a later turn.
 * Rounds are run one at a time by the test on the runtime's clock, which it moves; the scheduler
 * itself never ticks.
 */
@ExtendWith(DynamoDbExtension.class)
class ClosedSaleHttpTest {
  private static final String CONCERT = "edge-of-night";
  private static final String JOIN = "/concerts/" + CONCERT + "/queue/tokens";
  private static final int MAX_ACTIVE = 3;
  private static final int CLOSED_PRE_QUEUE = 30;
  private static final Map<String, String> ENV = Map.of("SCHEDULER_INTERVAL_SECONDS", "3600",
      "QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE), "QUEUE_PLACEMENT_SETTLE_SECONDS", "3", "QUEUE_JOIN_SHARDS", "8");
  private static final Duration ROUND = Duration.ofSeconds(4);

  @Test
  void a_pre_queue_closed_across_the_opening_is_never_drawn_and_a_reopen_admits_new_joiners_at_once(TestTable table)
      throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    Instant opening = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    try (LocalHttp http = LocalHttp.start(table, ENV, clock, SmallCatalog.opening(CONCERT, opening))) {
      clock.set(opening.minus(Duration.ofMinutes(5)));
      List<String> closed = new ArrayList<>();
      for (int i = 0; i < CLOSED_PRE_QUEUE; i++) {
        closed.add(join(http, "early-" + i));
      }
      ops(table, "close", "--yes", "--concert", CONCERT, "--operator", "venue-manager");
      round(http, clock);
      assertThat(status(http, "early-0", closed.get(0)).get("status").asText()).isEqualTo("CLOSED");

      // The opening passes while the sale is closed; then it reopens, and new users join.
      clock.set(opening.plusSeconds(1));
      for (int i = 0; i < 3; i++) {
        round(http, clock);
      }
      ops(table, "reopen", "--concert", CONCERT, "--operator", "venue-manager");
      round(http, clock);
      List<String> fresh = new ArrayList<>();
      for (int i = 0; i < MAX_ACTIVE; i++) {
        fresh.add(join(http, "fresh-" + i));
      }

      // Two rounds: one to see the joins settle, one more to spare. Before, 300 closed tokens took
      // 30 rounds at 10 a round; here 30 at 3 a round would take 10.
      round(http, clock);
      round(http, clock);
      clock.advance(Duration.ofSeconds(2));  // past the status function's one-second view of the queue
      for (int i = 0; i < MAX_ACTIVE; i++) {
        assertThat(status(http, "fresh-" + i, fresh.get(i)).get("status").asText())
            .as("fresh-%d, two rounds after joining a reopened sale", i).isEqualTo("ACTIVE");
      }
      for (int i = 0; i < CLOSED_PRE_QUEUE; i++) {
        assertThat(status(http, "early-" + i, closed.get(i)).get("status").asText())
            .as("early-%d: CLOSED is terminal", i).isEqualTo("CLOSED");
      }
      JsonNode board = http.get("/concerts/" + CONCERT + "/queue", Map.of()).body();
      assertThat(board.get("activeUsers").asLong()).as("the active users are the fresh ones").isEqualTo(MAX_ACTIVE);
      assertThat(drawReceipts(http)).as("nobody the close ended is in the published draw").isEmpty();
    }
  }

  @Test
  void a_user_closed_before_the_opening_who_joins_again_is_drawn_once(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    Instant opening = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    try (LocalHttp http = LocalHttp.start(table, ENV, clock, SmallCatalog.opening(CONCERT, opening))) {
      clock.set(opening.minus(Duration.ofMinutes(5)));
      List<String> closed = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        closed.add(join(http, "early-" + i));
      }
      ops(table, "close", "--yes", "--concert", CONCERT, "--operator", "venue-manager");
      round(http, clock);
      ops(table, "reopen", "--concert", CONCERT, "--operator", "venue-manager");
      round(http, clock);
      LocalHttp.Reply again = http.send("POST", JOIN, as("early-0", null), null);
      assertThat(again.status()).as("a CLOSED token is not live: a new one").isEqualTo(201);
      String receipt = again.body().get("receiptId").asText();

      clock.set(opening.plusSeconds(1));
      for (int i = 0; i < 3; i++) {
        round(http, clock);
      }
      assertThat(drawReceipts(http)).as("the draw: the one token joined after the close").containsExactly(receipt);
      clock.advance(Duration.ofSeconds(2));
      assertThat(status(http, "early-0", again.body().get("token").asText()).get("status").asText()).isEqualTo("ACTIVE");
      for (int i = 0; i < closed.size(); i++) {
        assertThat(status(http, "early-" + i, closed.get(i)).get("status").asText()).isEqualTo("CLOSED");
      }
    }
  }

  @Test
  void a_close_ends_the_holds_of_the_turns_it_ends(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    Instant opened = clock.instant().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
    try (LocalHttp http = LocalHttp.start(table, ENV, clock, SmallCatalog.opening(CONCERT, opened))) {
      round(http, clock);
      String owner = join(http, "owner");
      round(http, clock);
      clock.advance(Duration.ofSeconds(2));
      assertThat(status(http, "owner", owner).get("status").asText()).isEqualTo("ACTIVE");
      String date = Journey.firstDate(http, CONCERT, "owner", owner);
      Journey.charge(http, "owner", "top-up", 1_000_000);
      LocalHttp.Reply held = http.send("POST", "/reservations", as("owner", owner), Journey.orderBody(CONCERT, date, 1, 2));
      assertThat(held.status()).isEqualTo(201);
      String reservation = held.body().get("reservationId").asText();

      ops(table, "close", "--yes", "--concert", CONCERT, "--operator", "venue-manager");
      round(http, clock);
      round(http, clock);
      assertThat(http.get("/concerts/" + CONCERT + "/schedules/" + date + "/seats", as("owner", owner)).status())
          .as("the owner's turn ended with the close").isEqualTo(401);
      JsonNode hold = http.get("/reservations/" + reservation, as("owner", null)).body();
      assertThat(hold.get("status").asText()).as("the hold ended with its turn").isEqualTo("RELEASED");

      ops(table, "reopen", "--concert", CONCERT, "--operator", "venue-manager");
      round(http, clock);
      String ownerAgain = join(http, "owner");
      String next = join(http, "next");
      round(http, clock);
      clock.advance(Duration.ofSeconds(2));
      assertThat(status(http, "owner", ownerAgain).get("status").asText()).isEqualTo("ACTIVE");
      assertThat(status(http, "next", next).get("status").asText()).isEqualTo("ACTIVE");
      LocalHttp.Reply paid = http.send("POST", "/payments", as("owner", ownerAgain),
          "{\"reservationId\":\"" + reservation + "\"}");
      assertThat(paid.status()).as("the pre-close hold, paid with a later turn: " + paid.body()).isEqualTo(409);
      assertThat(paid.body().get("code").asText()).isEqualTo("HOLD_EXPIRED");
      LocalHttp.Reply taken = http.send("POST", "/reservations", as("next", next), Journey.orderBody(CONCERT, date, 1, 2));
      assertThat(taken.status()).as("the seats the close freed, to the next admitted user: " + taken.body()).isEqualTo(201);
      assertThat(http.get("/users/me/balance", as("owner", null)).body().get("balance").asLong())
          .as("the owner paid nothing").isEqualTo(1_000_000);
    }
  }

  private static String join(LocalHttp http, String user) throws Exception {
    LocalHttp.Reply reply = http.send("POST", JOIN, as(user, null), null);
    assertThat(reply.status()).as("join of " + user).isEqualTo(201);
    return reply.body().get("token").asText();
  }

  private static JsonNode status(LocalHttp http, String user, String token) throws Exception {
    LocalHttp.Reply reply = http.get("/queue/status", as(user, token));
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  /** Moves the clock on by a round's step, then runs one maintenance round. */
  private static void round(LocalHttp http, MutableClock clock) {
    clock.advance(ROUND);
    http.runtime.runScheduledFunctionsNow();
  }

  /** The receipts of the published draw, in its order. */
  private static List<String> drawReceipts(LocalHttp http) throws Exception {
    LocalHttp.Reply page = http.get("/concerts/" + CONCERT + "/queue/draw?limit=1000", Map.of());
    assertThat(page.status()).as("the draw is published").isEqualTo(200);
    List<String> receipts = new ArrayList<>();
    page.body().get("entries").forEach(entry -> receipts.add(entry.get("receiptId").asText()));
    return receipts;
  }
}
