package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static dev.ticketing.local.Journey.awaitActive;
import static dev.ticketing.local.Journey.firstDate;
import static dev.ticketing.local.Journey.join;
import static dev.ticketing.local.Journey.reserveBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole purchase over HTTP: charge, join, admission, hold, pay, and what everyone sees after. */
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
    try (LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "1"))) {
      LocalHttp.Reply charged = http.send("POST", "/users/me/balance/charges",
          json(Map.of("X-User-Id", "alice", "Idempotency-Key", "first-topup")), "{\"amount\": 500000}");
      assertThat(charged.status()).isEqualTo(200);
      String alice = join(http, "alice", CONCERT);
      String bob = join(http, "bob", CONCERT);
      awaitActive(http, "alice", alice);
      awaitActive(http, "bob", bob);
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
      assertThat(paid.body().get("seatNo").asInt()).isEqualTo(12);
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
    try (LocalHttp http = LocalHttp.start(table, Map.of("SCHEDULER_INTERVAL_SECONDS", "1"))) {
      String carol = join(http, "carol", CONCERT);
      awaitActive(http, "carol", carol);
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
}
