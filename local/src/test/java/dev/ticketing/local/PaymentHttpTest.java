package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static dev.ticketing.local.Journey.assertActive;
import static dev.ticketing.local.Journey.firstDate;
import static dev.ticketing.local.Journey.join;
import static dev.ticketing.local.Journey.orderBody;
import static dev.ticketing.local.Journey.reserveBody;
import static dev.ticketing.local.Journey.round;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole purchase over HTTP: charge, join, admission, hold, pay, and what everyone sees after.
 * The test runs the round that admits the buyers itself; the scheduler never ticks.
 */
@ExtendWith(DynamoDbExtension.class)
class PaymentHttpTest {
  private static final String CONCERT = "neon-tide-tour";

  private static Map<String, String> json(Map<String, String> headers) {
    Map<String, String> copy = new HashMap<>(headers);
    copy.put("Content-Type", "application/json");
    return copy;
  }

  private static JsonNode seat(LocalHttp http, String user, String token, String date, int seatNo) throws Exception {
    LocalHttp.Reply map = http.get("/concerts/" + CONCERT + "/schedules/" + date + "/seats", as(user, token));
    assertThat(map.status()).isEqualTo(200);
    return map.body().get("seats").get(seatNo - 1);
  }

  @Test
  void a_user_charges_queues_holds_pays_and_everything_shows_it(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of(), clock)) {
      LocalHttp.Reply charged = http.send("POST", "/users/me/balance/charges",
          json(Map.of("X-User-Id", "alice", "Idempotency-Key", "first-topup")), "{\"amount\": 500000}");
      assertThat(charged.status()).isEqualTo(200);
      String alice = join(http, "alice", CONCERT);
      String bob = join(http, "bob", CONCERT);
      round(http, clock);
      assertActive(http, "alice", alice);
      assertActive(http, "bob", bob);
      String date = firstDate(http, CONCERT, "alice", alice);

      LocalHttp.Reply held = http.send("POST", "/reservations", json(as("alice", alice)), reserveBody(CONCERT, date, 12));
      assertThat(held.status()).isEqualTo(201);
      String reservationId = held.body().get("reservationId").asText();
      long price = held.body().get("price").asLong();
      // Instants read the same in every response that shows them (stored as shown, to the millisecond).
      String holdExpiresAt = held.body().get("holdExpiresAt").asText();
      assertThat(http.get("/reservations/" + reservationId, as("alice", null)).body().get("holdExpiresAt").asText())
          .as("holdExpiresAt of the 201 and of the reservation read back").isEqualTo(holdExpiresAt);
      LocalHttp.Reply heldAgain = http.send("POST", "/reservations", json(as("alice", alice)), reserveBody(CONCERT, date, 12));
      assertThat(heldAgain.status()).isEqualTo(200);
      assertThat(heldAgain.body().get("holdExpiresAt").asText()).as("holdExpiresAt of the repeated hold").isEqualTo(holdExpiresAt);

      LocalHttp.Reply paid = http.send("POST", "/payments", json(as("alice", alice)),
          "{\"reservationId\": \"" + reservationId + "\"}");
      assertThat(paid.status()).isEqualTo(201);
      assertThat(paid.body().get("amount").asLong()).isEqualTo(price);
      assertThat(paid.body().get("userId").asText()).isEqualTo("alice");
      assertThat(paid.body().get("seatNos").toString()).isEqualTo("[12]");
      String paymentId = paid.body().get("paymentId").asText();

      assertThat(http.get("/users/me/balance", as("alice", null)).body().get("balance").asLong()).isEqualTo(500_000 - price);
      assertThat(seat(http, "bob", bob, date, 12).get("status").asText()).isEqualTo("SOLD");
      LocalHttp.Reply history = http.get("/users/me/payments", as("alice", null));
      assertThat(history.body().get("payments")).hasSize(1);
      assertThat(history.body().at("/payments/0/paymentId").asText()).isEqualTo(paymentId);
      assertThat(history.body().at("/payments/0/paidAt").asText()).as("paidAt of the 201 and of the history")
          .isEqualTo(paid.body().get("paidAt").asText());
      assertThat(history.body().get("nextCursor").isNull()).isTrue();
      assertThat(http.get("/reservations/" + reservationId, as("alice", null)).body().get("status").asText()).isEqualTo("CONFIRMED");

      LocalHttp.Reply spent = http.get("/concerts/" + CONCERT + "/schedules", as("alice", alice));
      assertThat(spent.status()).isEqualTo(401);
      assertThat(spent.body().get("code").asText()).isEqualTo("TOKEN_EXPIRED");

      // Paying again answers with the same payment, and nobody else sees it.
      LocalHttp.Reply again = http.send("POST", "/payments", json(as("alice", alice)), "{\"reservationId\": \"" + reservationId + "\"}");
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body().get("paymentId").asText()).isEqualTo(paymentId);
      assertThat(again.body().get("paidAt").asText()).as("paidAt of the repeated payment").isEqualTo(paid.body().get("paidAt").asText());
      assertThat(http.get("/users/me/payments", as("bob", null)).body().get("payments")).isEmpty();
      LocalHttp.Reply stolen = http.send("POST", "/payments", json(as("bob", bob)), "{\"reservationId\": \"" + reservationId + "\"}");
      assertThat(stolen.status()).isEqualTo(404);
      assertThat(stolen.body().get("code").asText()).isEqualTo("RESERVATION_NOT_FOUND");
    }
  }

  @Test
  void payments_refuse_bad_input_and_short_balances(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of(), clock)) {
      String carol = join(http, "carol", CONCERT);
      round(http, clock);
      assertActive(http, "carol", carol);
      String date = firstDate(http, CONCERT, "carol", carol);
      LocalHttp.Reply held = http.send("POST", "/reservations", json(as("carol", carol)), reserveBody(CONCERT, date, 1));
      String reservationId = held.body().get("reservationId").asText();

      LocalHttp.Reply poor = http.send("POST", "/payments", json(as("carol", carol)), "{\"reservationId\": \"" + reservationId + "\"}");
      assertThat(poor.status()).isEqualTo(409);
      assertThat(poor.body().get("code").asText()).isEqualTo("INSUFFICIENT_BALANCE");

      for (String bad : new String[] {"{}", "{\"reservationId\": 5}", "{\"reservationId\": \"a/b\"}",
          "{\"reservationId\": \"" + reservationId + "\", \"amount\": 1}", "not json"}) {
        LocalHttp.Reply reply = http.send("POST", "/payments", json(as("carol", carol)), bad);
        assertThat(reply.status()).as(bad).isEqualTo(400);
      }
      LocalHttp.Reply unknown = http.send("POST", "/payments", json(as("carol", carol)), "{\"reservationId\": \"nope\"}");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(http.get("/users/me/payments?cursor=garbage", as("carol", null)).status()).isEqualTo(400);
      assertThat(http.get("/users/me/payments?limit=0", as("carol", null)).status()).isEqualTo(400);
      assertThat(http.get("/reservations/" + reservationId, as("carol", null)).body().get("status").asText()).isEqualTo("HELD");
    }
  }

  @Test
  void an_order_of_two_seats_is_held_paid_and_shown_together_and_the_limit_holds(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of(), clock)) {
      http.send("POST", "/users/me/balance/charges", json(Map.of("X-User-Id", "dora", "Idempotency-Key", "topup")),
          "{\"amount\": 1000000}");
      String dora = join(http, "dora", CONCERT);
      String eve = join(http, "eve", CONCERT);
      round(http, clock);
      assertActive(http, "dora", dora);
      assertActive(http, "eve", eve);
      String date = firstDate(http, CONCERT, "dora", dora);

      LocalHttp.Reply held = http.send("POST", "/reservations", json(as("dora", dora)), orderBody(CONCERT, date, 21, 20));
      assertThat(held.status()).isEqualTo(201);
      assertThat(held.body().get("seatNos").toString()).isEqualTo("[20,21]");
      long price = held.body().get("price").asLong();
      assertThat(price).isEqualTo(held.body().at("/seats/0/price").asLong() + held.body().at("/seats/1/price").asLong());
      String order = held.body().get("reservationId").asText();
      // A retry of the same order is answered with it.
      LocalHttp.Reply again = http.send("POST", "/reservations", json(as("dora", dora)), orderBody(CONCERT, date, 20, 21));
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body().get("reservationId").asText()).isEqualTo(order);
      // Eve's order overlaps: refused whole, naming the seat taken.
      LocalHttp.Reply overlap = http.send("POST", "/reservations", json(as("eve", eve)), orderBody(CONCERT, date, 21, 22));
      assertThat(overlap.status()).isEqualTo(409);
      assertThat(overlap.body().get("code").asText()).isEqualTo("SEAT_UNAVAILABLE");
      assertThat(overlap.body().get("seatNos").toString()).isEqualTo("[21]");
      assertThat(seat(http, "eve", eve, date, 22).get("status").asText()).isEqualTo("AVAILABLE");

      // Two more seats reach dora's limit of four; a fifth is refused, and giving a hold up gives it back.
      LocalHttp.Reply more = http.send("POST", "/reservations", json(as("dora", dora)), orderBody(CONCERT, date, 30, 31));
      assertThat(more.status()).isEqualTo(201);
      LocalHttp.Reply limit = http.send("POST", "/reservations", json(as("dora", dora)), orderBody(CONCERT, date, 32));
      assertThat(limit.status()).isEqualTo(409);
      assertThat(limit.body().get("code").asText()).isEqualTo("TICKET_LIMIT");
      assertThat(limit.body().get("limit").asInt()).isEqualTo(4);
      String extra = more.body().get("reservationId").asText();
      assertThat(http.send("DELETE", "/reservations/" + extra, as("dora", null), null).status()).isEqualTo(204);
      assertThat(http.send("DELETE", "/reservations/" + extra, as("dora", null), null).status()).isEqualTo(204);
      assertThat(http.send("DELETE", "/reservations/" + extra, as("eve", null), null).status()).isEqualTo(404);
      assertThat(http.get("/reservations/" + extra, as("dora", null)).body().get("status").asText()).isEqualTo("RELEASED");
      assertThat(seat(http, "eve", eve, date, 30).get("status").asText()).isEqualTo("AVAILABLE");
      LocalHttp.Reply other = http.send("POST", "/reservations", json(as("dora", dora)), orderBody(CONCERT, date, 32));
      assertThat(other.status()).isEqualTo(201);

      LocalHttp.Reply paid = http.send("POST", "/payments", json(as("dora", dora)), "{\"reservationId\": \"" + order + "\"}");
      assertThat(paid.status()).isEqualTo(201);
      assertThat(paid.body().get("amount").asLong()).isEqualTo(price);
      assertThat(paid.body().get("seatNos").toString()).isEqualTo("[20,21]");
      assertThat(seat(http, "eve", eve, date, 20).get("status").asText()).isEqualTo("SOLD");
      assertThat(seat(http, "eve", eve, date, 21).get("status").asText()).isEqualTo("SOLD");
      // Her other hold ended with her turn.
      String otherId = other.body().get("reservationId").asText();
      assertThat(http.get("/reservations/" + otherId, as("dora", null)).body().get("status").asText()).isEqualTo("RELEASED");
      assertThat(seat(http, "eve", eve, date, 32).get("status").asText()).isEqualTo("AVAILABLE");
      assertThat(http.get("/users/me/payments", as("dora", null)).body().at("/payments/0/seatNos").toString()).isEqualTo("[20,21]");
      LocalHttp.Reply paidAgain = http.send("DELETE", "/reservations/" + order, as("dora", null), null);
      assertThat(paidAgain.status()).isEqualTo(409);
      assertThat(paidAgain.body().get("code").asText()).isEqualTo("ALREADY_PAID");

      // Paying again: the spent token that paid is accepted; no token, or another user's, is refused as at the gate.
      String repeat = "{\"reservationId\": \"" + order + "\"}";
      assertThat(http.send("POST", "/payments", json(as("dora", dora)), repeat).status()).isEqualTo(200);
      LocalHttp.Reply noToken = http.send("POST", "/payments", json(as("dora", null)), repeat);
      assertThat(noToken.status()).isEqualTo(401);
      assertThat(noToken.body().get("code").asText()).isEqualTo("TOKEN_INVALID");
      LocalHttp.Reply eves = http.send("POST", "/payments", json(as("dora", eve)), repeat);
      assertThat(eves.status()).isEqualTo(403);
      assertThat(eves.body().get("code").asText()).isEqualTo("TOKEN_FORBIDDEN");
      assertThat(http.get("/users/me/balance", as("dora", null)).body().get("balance").asLong()).isEqualTo(1_000_000 - price);
    }
  }
}
