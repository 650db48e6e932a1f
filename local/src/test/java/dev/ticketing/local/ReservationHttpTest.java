package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static dev.ticketing.local.Journey.assertActive;
import static dev.ticketing.local.Journey.assertPosition;
import static dev.ticketing.local.Journey.awaitReply;
import static dev.ticketing.local.Journey.firstDate;
import static dev.ticketing.local.Journey.join;
import static dev.ticketing.local.Journey.reserveBody;
import static dev.ticketing.local.Journey.round;
import static dev.ticketing.local.Journey.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue, the gate and seat holds end to end over HTTP. Rounds are run one at a time by the
 * test on the runtime's clock, which it moves past holds and turns; the scheduler itself never
 * ticks.
 */
@ExtendWith(DynamoDbExtension.class)
class ReservationHttpTest {
  private static final String CONCERT = SmallCatalog.CONCERT;

  /** Two concerts (the gate's cases need a second one) instead of the demo's four: a quicker start and rounds. */
  private static SeedCatalog small(MutableClock clock) {
    return SmallCatalog.around(clock.instant());
  }

  @Test
  void a_hold_runs_out_and_the_seat_goes_to_the_next_user(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of(), clock, small(clock))) {
      String alice = join(http, "alice", CONCERT);
      String bob = join(http, "bob", CONCERT);
      round(http, clock);
      assertActive(http, "alice", alice);
      assertActive(http, "bob", bob);
      String date = firstDate(http, CONCERT, "alice", alice);

      LocalHttp.Reply held = http.send("POST", "/reservations", as("alice", alice), reserveBody(CONCERT, date, 7));
      assertThat(held.status()).isEqualTo(201);
      assertThat(held.body().get("status").asText()).isEqualTo("HELD");
      String reservationId = held.body().get("reservationId").asText();
      LocalHttp.Reply taken = http.send("POST", "/reservations", as("bob", bob), reserveBody(CONCERT, date, 7));
      assertThat(taken.status()).isEqualTo(409);
      assertThat(taken.body().get("code").asText()).isEqualTo("SEAT_UNAVAILABLE");

      // A refused hold changes nothing, so Bob tries again, a second and a round apart, from just before
      // Alice's hold runs out until he holds the seat.
      Instant holdExpiresAt = Instant.parse(held.body().get("holdExpiresAt").asText());
      clock.set(holdExpiresAt.minusSeconds(3));
      LocalHttp.Reply bobs = taken;
      while (bobs.status() == 409 && clock.instant().isBefore(holdExpiresAt.plus(Journey.DEADLINE))) {
        clock.advance(Duration.ofSeconds(1));
        http.runtime.runScheduledFunctionsNow();
        bobs = http.send("POST", "/reservations", as("bob", bob), reserveBody(CONCERT, date, 7));
      }
      assertThat(bobs.status()).isEqualTo(201);
      assertThat(clock.instant()).as("not before alice's hold ran out").isAfterOrEqualTo(holdExpiresAt);

      LocalHttp.Reply alices = http.get("/reservations/" + reservationId, as("alice", null));
      assertThat(alices.status()).isEqualTo(200);
      assertThat(alices.body().get("status").asText()).isEqualTo("EXPIRED");
      assertThat(http.get("/reservations/" + reservationId, as("bob", null)).status()).isEqualTo(404);
      LocalHttp.Reply map = http.get("/concerts/" + CONCERT + "/schedules/" + date + "/seats", as("bob", bob));
      assertThat(map.body().at("/seats/6/status").asText()).isEqualTo("HELD");
    }
  }

  @Test
  void a_hold_never_outlives_the_turn_that_made_it(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("ACTIVE_TTL_SECONDS", "60", "HOLD_TTL_SECONDS", "300"),
        clock, small(clock))) {
      String alice = join(http, "alice", CONCERT);
      round(http, clock);
      assertActive(http, "alice", alice);
      Instant activeUntil = Instant.parse(status(http, "alice", alice).get("activeUntil").asText());
      String date = firstDate(http, CONCERT, "alice", alice);

      LocalHttp.Reply held = http.send("POST", "/reservations", as("alice", alice), Journey.orderBody(CONCERT, date, 3, 4));

      assertThat(held.status()).isEqualTo(201);
      assertThat(Instant.parse(held.body().get("holdExpiresAt").asText())).isEqualTo(activeUntil);
    }
  }

  @Test
  void admission_keeps_to_the_limit_and_lets_the_next_user_in_when_sessions_end(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("QUEUE_MAX_ACTIVE", "2"), clock, small(clock))) {
      String first = join(http, "first", CONCERT);
      String second = join(http, "second", CONCERT);
      round(http, clock);
      assertActive(http, "first", first);
      assertActive(http, "second", second);
      Instant turnsEnd = Instant.parse(status(http, "second", second).get("activeUntil").asText());
      String third = join(http, "third", CONCERT);  // joined after both were admitted: surely behind them
      round(http, clock);

      JsonNode waiting = assertPosition(http, "third", third, 1);
      assertThat(waiting.get("status").asText()).isEqualTo("WAITING");
      LocalHttp.Reply refused = http.get("/concerts/" + CONCERT + "/schedules", as("third", third));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body().get("code").asText()).isEqualTo("TOKEN_NOT_ACTIVE");

      // Both turns end: the next round lets third in.
      clock.set(turnsEnd.plusSeconds(1));
      round(http, clock);
      assertActive(http, "third", third);
      assertThat(status(http, "first", first).get("status").asText()).isEqualTo("EXPIRED");
      assertThat(status(http, "second", second).get("status").asText()).isEqualTo("EXPIRED");
      assertThat(http.get("/concerts/" + CONCERT + "/schedules", as("third", third)).status()).isEqualTo(200);
    }
  }

  @Test
  void the_gate_answers_every_bad_token_with_its_problem(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("QUEUE_MAX_ACTIVE", "1"), clock, small(clock))) {
      String alice = join(http, "alice", CONCERT);
      String xavier = join(http, "xavier", SmallCatalog.OTHER_CONCERT);
      round(http, clock);
      assertActive(http, "alice", alice);
      assertActive(http, "xavier", xavier);
      Instant alicesTurnEnds = Instant.parse(status(http, "alice", alice).get("activeUntil").asText());
      String walter = join(http, "walter", CONCERT);
      assertThat(status(http, "walter", walter).get("status").asText()).isEqualTo("WAITING");
      String date = firstDate(http, CONCERT, "alice", alice);

      record Route(String method, String path, String body) {}
      List<Route> gated = List.of(
          new Route("GET", "/concerts/" + CONCERT + "/schedules", null),
          new Route("GET", "/concerts/" + CONCERT + "/schedules/" + date + "/seats", null),
          new Route("POST", "/reservations", reserveBody(CONCERT, date, 1)));
      record Case(String name, String user, String token, int status, String code) {}
      List<Case> cases = List.of(
          new Case("missing token", "alice", null, 401, "TOKEN_INVALID"),
          new Case("garbage token", "alice", "not a token", 401, "TOKEN_INVALID"),
          new Case("unknown token", "alice", CONCERT + "." + "A".repeat(32), 401, "TOKEN_INVALID"),
          new Case("another user's token", "bob", alice, 403, "TOKEN_FORBIDDEN"),
          new Case("a token of another concert", "xavier", xavier, 403, "TOKEN_FORBIDDEN"),
          new Case("a waiting token", "walter", walter, 403, "TOKEN_NOT_ACTIVE"));
      for (Route route : gated) {
        for (Case bad : cases) {
          LocalHttp.Reply reply = http.send(route.method(), route.path(), as(bad.user(), bad.token()), route.body());
          assertThat(reply.status()).as(bad.name() + " on " + route.path()).isEqualTo(bad.status());
          assertThat(reply.contentType()).isEqualTo("application/problem+json");
          assertThat(reply.body().get("code").asText()).as(bad.name() + " on " + route.path()).isEqualTo(bad.code());
        }
      }
      assertThat(http.send("POST", "/reservations", Map.of("X-Queue-Token", alice), reserveBody(CONCERT, date, 1)).status())
          .as("no identity").isEqualTo(401);

      clock.set(alicesTurnEnds.plusSeconds(1));
      round(http, clock);
      LocalHttp.Reply expired = awaitReply("alice's token to expire",
          () -> http.get("/concerts/" + CONCERT + "/schedules", as("alice", alice)), reply -> reply.status() != 200);
      assertThat(expired.status()).isEqualTo(401);
      assertThat(expired.body().get("code").asText()).isEqualTo("TOKEN_EXPIRED");
    }
  }
}
