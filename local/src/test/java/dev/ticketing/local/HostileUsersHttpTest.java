package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static dev.ticketing.local.Journey.awaitActive;
import static dev.ticketing.local.Journey.charge;
import static dev.ticketing.local.Journey.firstDate;
import static dev.ticketing.local.Journey.hold;
import static dev.ticketing.local.Journey.join;
import static dev.ticketing.local.Journey.pay;
import static dev.ticketing.local.Journey.reserveBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TableSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Users who try to use what is not theirs: another user's queue token, reservation, payments or
 * balance, or a token of one concert on another. Every attempt fails as docs/api.md says (403
 * TOKEN_FORBIDDEN, 404 RESERVATION_NOT_FOUND, /users/me/* only ever the caller's own), changes
 * nothing in the table, and neither the error bodies nor the runtime's log hold a token, an
 * exception or a stack frame.
 */
@ExtendWith(DynamoDbExtension.class)
class HostileUsersHttpTest {
  private static final String CONCERT = "winter-gala";
  private static final String OTHER_CONCERT = "neon-tide-tour";

  private record Attempt(String name, String user, String method, String path, Map<String, String> headers, String body,
      int status, String code) {}

  @Test
  void nobody_gets_at_another_users_token_reservation_payments_or_balance(TestTable table) throws Exception {
    List<String> failures = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    try (CapturedOutput log = CapturedOutput.quietly()) {
      MutableClock clock = MutableClock.fromSystem();
      try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("QUEUE_MAX_ACTIVE", "5", "ACTIVE_TTL_SECONDS", "900",
          "ADMISSION_GRACE_SECONDS", "900", "HOLD_TTL_SECONDS", "900"), clock)) {
        // alice: two seats paid (each payment spends a token, so she queues three times), a third held.
        charge(http, "alice", "alice-topup", 500_000);
        String alice = join(http, "alice", CONCERT);
        awaitActive(http, clock, "alice", alice);
        String date = firstDate(http, CONCERT, "alice", alice);
        pay(http, "alice", alice, hold(http, "alice", alice, CONCERT, date, 1));
        alice = rejoin(http, clock, "alice");
        pay(http, "alice", alice, hold(http, "alice", alice, CONCERT, date, 2));
        alice = rejoin(http, clock, "alice");
        String alicesHold = hold(http, "alice", alice, CONCERT, date, 3);
        String alicesPaid = http.get("/users/me/payments", as("alice", null)).body().at("/payments/0/reservationId").asText();
        String alicesCursor = http.get("/users/me/payments?limit=1", as("alice", null)).body().get("nextCursor").asText();

        charge(http, "bob", "bob-topup", 200_000);
        String bob = join(http, "bob", CONCERT);
        awaitActive(http, clock, "bob", bob);
        String bobsHold = hold(http, "bob", bob, CONCERT, date, 4);
        // xavier holds a seat of this concert, and is admitted to another one too.
        charge(http, "xavier", "xavier-topup", 200_000);
        String xavier = join(http, "xavier", CONCERT);
        String xavierElsewhere = join(http, "xavier", OTHER_CONCERT);
        awaitActive(http, clock, "xavier", xavier);
        awaitActive(http, clock, "xavier", xavierElsewhere);
        String xaviersHold = hold(http, "xavier", xavier, CONCERT, date, 10);
        firstDate(http, OTHER_CONCERT, "xavier", xavierElsewhere);
        List.of(alice, bob, xavier, xavierElsewhere).forEach(t -> secrets.add(t.substring(t.lastIndexOf('.') + 1)));

        TableSnapshot before = BadInputHttpTest.stableSnapshot(table, http, clock);
        String seats = "/concerts/" + CONCERT + "/schedules/" + date + "/seats";
        String dates = "/concerts/" + CONCERT + "/schedules";
        String xaviersSecret = xavierElsewhere.substring(xavierElsewhere.lastIndexOf('.') + 1);
        List<Attempt> attempts = new ArrayList<>();
        for (String thief : List.of("bob", "mallory")) {
          attempts.add(new Attempt(thief + " polls with alice's token", thief, "GET", "/queue/status", as(thief, alice), null,
              403, "TOKEN_FORBIDDEN"));
          attempts.add(new Attempt(thief + " lists dates with alice's token", thief, "GET", dates, as(thief, alice), null,
              403, "TOKEN_FORBIDDEN"));
          attempts.add(new Attempt(thief + " reads the seat map with alice's token", thief, "GET", seats, as(thief, alice),
              null, 403, "TOKEN_FORBIDDEN"));
          attempts.add(new Attempt(thief + " holds a seat with alice's token", thief, "POST", "/reservations",
              as(thief, alice), reserveBody(CONCERT, date, 20), 403, "TOKEN_FORBIDDEN"));
          attempts.add(new Attempt(thief + " pays alice's hold with alice's token", thief, "POST", "/payments",
              as(thief, alice), payBody(alicesHold), 404, "RESERVATION_NOT_FOUND"));
          attempts.add(new Attempt(thief + " reads alice's held reservation", thief, "GET", "/reservations/" + alicesHold,
              as(thief, null), null, 404, "RESERVATION_NOT_FOUND"));
          attempts.add(new Attempt(thief + " reads alice's paid reservation", thief, "GET", "/reservations/" + alicesPaid,
              as(thief, null), null, 404, "RESERVATION_NOT_FOUND"));
          attempts.add(new Attempt(thief + " gives up alice's hold", thief, "DELETE", "/reservations/" + alicesHold,
              as(thief, alice), null, 404, "RESERVATION_NOT_FOUND"));
          attempts.add(new Attempt(thief + " gives up alice's paid reservation", thief, "DELETE", "/reservations/" + alicesPaid,
              as(thief, null), null, 404, "RESERVATION_NOT_FOUND"));
          attempts.add(new Attempt(thief + " reads alice's payments by path", thief, "GET", "/users/alice/payments",
              as(thief, null), null, 404, "ROUTE_NOT_FOUND"));
          attempts.add(new Attempt(thief + " reads alice's balance by path", thief, "GET", "/users/alice/balance",
              as(thief, null), null, 404, "ROUTE_NOT_FOUND"));
          attempts.add(new Attempt(thief + " reads alice's balance by an encoded path", thief, "GET",
              "/users/me%2F..%2Falice/balance", as(thief, null), null, 404, "ROUTE_NOT_FOUND"));
        }
        attempts.add(new Attempt("mallory reads files beside the web app", "mallory", "GET", "/..%2Ftemplate.yaml",
            as("mallory", null), null, 404, "ROUTE_NOT_FOUND"));
        attempts.add(new Attempt("bob pays his own hold with alice's token", "bob", "POST", "/payments", as("bob", alice),
            payBody(bobsHold), 403, "TOKEN_FORBIDDEN"));
        attempts.add(new Attempt("bob pays alice's hold with his own token", "bob", "POST", "/payments", as("bob", bob),
            payBody(alicesHold), 404, "RESERVATION_NOT_FOUND"));
        attempts.add(new Attempt("bob pays alice's paid reservation with his own token", "bob", "POST", "/payments",
            as("bob", bob), payBody(alicesPaid), 404, "RESERVATION_NOT_FOUND"));
        attempts.add(new Attempt("bob holds the seat alice holds", "bob", "POST", "/reservations", as("bob", bob),
            reserveBody(CONCERT, date, 3), 409, "SEAT_UNAVAILABLE"));
        attempts.add(new Attempt("bob holds an order with the seat alice holds", "bob", "POST", "/reservations", as("bob", bob),
            Journey.orderBody(CONCERT, date, 2, 3, 5), 409, "SEAT_UNAVAILABLE"));
        attempts.add(new Attempt("alice gives up the seat she paid for", "alice", "DELETE", "/reservations/" + alicesPaid,
            as("alice", null), null, 409, "ALREADY_PAID"));
        attempts.add(new Attempt("alice holds past her limit of four", "alice", "POST", "/reservations", as("alice", alice),
            Journey.orderBody(CONCERT, date, 20, 21), 409, "TICKET_LIMIT"));
        attempts.add(new Attempt("bob holds the seat alice bought", "bob", "POST", "/reservations", as("bob", bob),
            reserveBody(CONCERT, date, 1), 409, "SEAT_UNAVAILABLE"));
        // The authorizer answers first: a queue token is no JWT, and a bearer token wins over X-User-Id.
        attempts.add(new Attempt("bob sends alice's queue token as a bearer token", "bob", "GET", dates,
            Map.of("X-User-Id", "bob", "Authorization", "Bearer " + alice), null, 401, "UNAUTHENTICATED"));
        attempts.add(new Attempt("xavier lists this concert's dates with the other concert's token", "xavier", "GET", dates,
            as("xavier", xavierElsewhere), null, 403, "TOKEN_FORBIDDEN"));
        attempts.add(new Attempt("xavier reads this concert's seat map with the other concert's token", "xavier", "GET",
            seats, as("xavier", xavierElsewhere), null, 403, "TOKEN_FORBIDDEN"));
        attempts.add(new Attempt("xavier holds a seat here with the other concert's token", "xavier", "POST",
            "/reservations", as("xavier", xavierElsewhere), reserveBody(CONCERT, date, 11), 403, "TOKEN_FORBIDDEN"));
        attempts.add(new Attempt("xavier holds a seat of the other concert with this concert's token", "xavier", "POST",
            "/reservations", as("xavier", xavier), reserveBody(OTHER_CONCERT, date, 11), 403, "TOKEN_FORBIDDEN"));
        attempts.add(new Attempt("xavier pays his hold here with the other concert's token", "xavier", "POST", "/payments",
            as("xavier", xavierElsewhere), payBody(xaviersHold), 403, "TOKEN_FORBIDDEN"));
        attempts.add(new Attempt("xavier relabels the other concert's token for this one", "xavier", "GET", dates,
            as("xavier", CONCERT + "." + xaviersSecret), null, 401, "TOKEN_INVALID"));
        attempts.add(new Attempt("xavier pays alice's hold with his token", "xavier", "POST", "/payments",
            as("xavier", xavier), payBody(alicesHold), 404, "RESERVATION_NOT_FOUND"));

        for (Attempt attempt : attempts) {
          LocalHttp.Reply reply = http.send(attempt.method(), attempt.path(), attempt.headers(), attempt.body());
          if (reply.status() != attempt.status() || !"application/problem+json".equals(reply.contentType())
              || !attempt.code().equals(reply.body().path("code").asText())) {
            failures.add(attempt.name() + ": expected " + attempt.status() + " " + attempt.code() + ", got " + reply.status()
                + " " + reply.raw().body());
          }
          failures.addAll(LogRules.violations(attempt.name() + " (error body)", reply.raw().body(), secrets));
          for (String other : List.of("alice", "bob", "xavier", "mallory")) {
            if (!other.equals(attempt.user()) && reply.raw().body().contains(other) && !attempt.path().contains(other)) {
              failures.add(attempt.name() + ": the error names " + other + ": " + reply.raw().body());
            }
          }
        }
        for (String thief : List.of("bob", "mallory")) {
          // Two identities in one request are none (a comma is part of a user id, so they cannot be joined).
          RawHttp.Response twice = http.sendRaw(RawHttp.Request.of("GET", "/users/me/balance", Map.of("X-User-Id", thief), null)
              .with("X-User-Id", "alice"));
          if (twice.status() != 400 || !"VALIDATION_FAILED".equals(twice.json().path("code").asText())) {
            failures.add(thief + " sends alice's id as a second X-User-Id: got " + twice.status() + " " + twice.body());
          }
        }
        failures.addAll(TableSnapshot.of(table.client(), table.name()).differencesFrom(before).stream()
            .map(change -> "a refused attempt changed the table: " + change).toList());

        // User ids that look like alice's, or like alice's keys, are other users with nothing of hers.
        for (String lookalike : List.of("alice#BALANCE", "alice#", "alice%23", "alice,bob", "bob,alice", "alice|x", "alice:",
            "alice/", "ALICE", "USER#alice")) {
          JsonNode balance = http.get("/users/me/balance", as(lookalike, null)).body();
          assertThat(balance.get("userId").asText()).as(lookalike).isEqualTo(lookalike);
          assertThat(balance.get("balance").asLong()).as(lookalike + "'s balance").isZero();
          assertThat(http.get("/users/me/payments?limit=100", as(lookalike, null)).body().get("payments"))
              .as(lookalike + "'s payments").isEmpty();
          assertThat(http.get("/reservations/" + alicesHold, as(lookalike, null)).status()).as(lookalike).isEqualTo(404);
          assertThat(http.get("/queue/status", as(lookalike, alice)).body().path("code").asText()).as(lookalike)
              .isEqualTo("TOKEN_FORBIDDEN");
        }

        // /users/me/* is the caller's own, whatever else the request says.
        for (String path : List.of("/users/me/balance", "/users/me/balance?userId=alice", "/users/me/balance?user=alice")) {
          JsonNode balance = http.get(path, headers("bob", Map.of("X-Forwarded-User", "alice"))).body();
          assertThat(balance.get("userId").asText()).as(path).isEqualTo("bob");
          assertThat(balance.get("balance").asLong()).as(path).isEqualTo(200_000);
        }
        for (String path : List.of("/users/me/payments", "/users/me/payments?userId=alice",
            "/users/me/payments?cursor=" + alicesCursor, "/users/me/payments?limit=100")) {
          LocalHttp.Reply page = http.get(path, as("bob", null));
          assertThat(page.status()).as(path).isEqualTo(200);
          assertThat(page.body().get("payments")).as("bob's payments at " + path).isEmpty();
        }
        JsonNode alicesPayments = http.get("/users/me/payments?limit=100", as("alice", null)).body().get("payments");
        assertThat(alicesPayments).hasSize(2);
        alicesPayments.forEach(p -> assertThat(p.get("userId").asText()).isEqualTo("alice"));
        long alicesSpend = 0;
        for (JsonNode p : alicesPayments) {
          alicesSpend += p.get("amount").asLong();
        }
        assertThat(http.get("/users/me/balance", as("alice", null)).body().get("balance").asLong())
            .isEqualTo(500_000 - alicesSpend);

        // Idempotency keys belong to their user: bob's charge under alice's key is bob's own charge.
        LocalHttp.Reply bobsCharge = http.send("POST", "/users/me/balance/charges",
            headers("bob", Map.of("Idempotency-Key", "alice-topup", "Content-Type", "application/json")),
            "{\"amount\":1000}");
        assertThat(bobsCharge.status()).isEqualTo(200);
        assertThat(bobsCharge.body().get("userId").asText()).isEqualTo("bob");
        assertThat(bobsCharge.body().get("balance").asLong()).isEqualTo(201_000);
        assertThat(http.get("/users/me/balance", as("alice", null)).body().get("balance").asLong())
            .isEqualTo(500_000 - alicesSpend);
      }
      failures.addAll(LogRules.violations("the runtime's log", log.text(), secrets));
    }
    assertThat(failures).as("attempts on other users' things that did not fail cleanly").isEmpty();
  }

  private static Map<String, String> headers(String user, Map<String, String> more) {
    Map<String, String> headers = new HashMap<>(more);
    headers.put("X-User-Id", user);
    return headers;
  }

  private static String payBody(String reservationId) {
    return "{\"reservationId\":\"" + reservationId + "\"}";
  }

  private static String rejoin(LocalHttp http, MutableClock clock, String user) throws Exception {
    String token = Journey.joinAgain(http, clock, user, CONCERT);
    awaitActive(http, clock, user, token);
    return token;
  }
}
