package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A small sale sold out and closed through the local runtime over HTTP (docs/api.md, "Catalogue"):
 * with every seat held the sale is SOLD_OUT, waiting users keep their places and new joiners are
 * told so, and nobody is admitted though a slot is free; a released hold makes it OPEN again and
 * admission goes on in order; with every seat sold it is CLOSED: waiting tokens become CLOSED,
 * joins get 409 SALE_CLOSED and the turns still under way end. Rounds are run one at a time by the
 * test on the runtime's clock, which it moves.
 */
@ExtendWith(DynamoDbExtension.class)
class SellOutHttpTest {
  private static final String CONCERT = "small-hall";
  private static final String DATE = "small-hall-1";
  private static final long PRICE = 1_000;
  private static final int BUYERS = 5;
  private static final int SEATS_EACH = 10;
  private static final int MAX_ACTIVE = BUYERS + 1;
  private static final Map<String, String> ENV = Map.of("SCHEDULER_INTERVAL_SECONDS", "3600",
      "QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE), "MAX_SEATS_PER_ORDER", Integer.toString(SEATS_EACH),
      "MAX_TICKETS_PER_USER", Integer.toString(SEATS_EACH), "QUEUE_PLACEMENT_SETTLE_SECONDS", "3");

  @Test
  void sold_out_keeps_places_and_admits_nobody_a_seat_back_reopens_in_order_and_every_seat_sold_closes(TestTable table)
      throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.start(table, ENV, clock, smallHall(clock.instant()))) {
      // Five buyers, admitted together, hold the fifty seats between them.
      List<String> buyers = new ArrayList<>();
      for (int i = 0; i < BUYERS; i++) {
        buyers.add(Journey.join(http, "buyer-" + i, CONCERT));
      }
      rounds(http, clock, 2);
      List<String> holds = new ArrayList<>();
      for (int i = 0; i < BUYERS; i++) {
        assertThat(Journey.status(http, "buyer-" + i, buyers.get(i)).get("status").asText()).isEqualTo("ACTIVE");
        int firstSeat = i * SEATS_EACH + 1;
        holds.add(hold(http, "buyer-" + i, buyers.get(i), IntStream.range(firstSeat, firstSeat + SEATS_EACH).boxed().toArray(Integer[]::new)));
      }
      rounds(http, clock, 1);
      assertThat(listedState(http, clock)).isEqualTo("SOLD_OUT");

      // Sold out: joins are taken and told so, places are handed out and kept, nobody is admitted.
      String first = joinSeeing(http, "waiter-1", "SOLD_OUT");
      clock.advance(Duration.ofSeconds(1));  // a second apart: places keep their order
      String second = joinSeeing(http, "waiter-2", "SOLD_OUT");
      rounds(http, clock, 3);
      assertWaiting(http, clock, "waiter-1", first, 1, "SOLD_OUT");
      assertWaiting(http, clock, "waiter-2", second, 2, "SOLD_OUT");
      String third = joinSeeing(http, "waiter-3", "SOLD_OUT");
      rounds(http, clock, 2);
      assertWaiting(http, clock, "waiter-1", first, 1, "SOLD_OUT");
      assertThat(board(http).get("activeUsers").asInt()).as("a slot is free, and stays free").isEqualTo(BUYERS);

      // A hold given up: the seats come back, the sale is OPEN again, the first waiting user comes in.
      LocalHttp.Reply released = http.send("DELETE", "/reservations/" + holds.get(0), as("buyer-0", buyers.get(0)), null);
      assertThat(released.status()).isEqualTo(204);
      rounds(http, clock, 2);
      assertThat(listedState(http, clock)).isEqualTo("OPEN");
      JsonNode admitted = Journey.status(http, "waiter-1", first);
      assertThat(admitted.get("status").asText()).isEqualTo("ACTIVE");
      assertThat(admitted.get("saleState").asText()).isEqualTo("OPEN");
      assertWaiting(http, clock, "waiter-2", second, 1, "OPEN");
      assertWaiting(http, clock, "waiter-3", third, 2, "OPEN");

      // Every seat sold: CLOSED. Waiting tokens close, joins are refused, turns under way end.
      holds.set(0, hold(http, "waiter-1", first, IntStream.rangeClosed(1, SEATS_EACH).boxed().toArray(Integer[]::new)));
      pay(http, "waiter-1", first, holds.get(0));
      for (int i = 1; i < BUYERS; i++) {
        pay(http, "buyer-" + i, buyers.get(i), holds.get(i));
      }
      rounds(http, clock, 1);
      assertThat(listedState(http, clock)).isEqualTo("CLOSED");
      for (String[] waiter : new String[][] {{"waiter-2", second}, {"waiter-3", third}}) {
        JsonNode closed = Journey.status(http, waiter[0], waiter[1]);
        assertThat(closed.get("status").asText()).as(waiter[0]).isEqualTo("CLOSED");
        assertThat(closed.get("saleState").asText()).isEqualTo("CLOSED");
        LocalHttp.Reply again = http.send("POST", "/concerts/" + CONCERT + "/queue/tokens", as(waiter[0], null), null);
        assertThat(again.status()).as("a CLOSED token is not live: no place back").isEqualTo(409);
      }
      LocalHttp.Reply refused = http.send("POST", "/concerts/" + CONCERT + "/queue/tokens", as("too-late", null), null);
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.body().get("code").asText()).isEqualTo("SALE_CLOSED");
      assertThat(refused.body().get("saleState").asText()).isEqualTo("CLOSED");
      LocalHttp.Reply gated = http.get("/concerts/" + CONCERT + "/schedules", as("buyer-0", buyers.get(0)));
      assertThat(gated.status()).as("buyer-0's turn was still under way").isEqualTo(401);
      assertThat(gated.body().get("code").asText()).isEqualTo("TOKEN_EXPIRED");
    }
  }

  /** One concert with one date ten days ahead, fifty seats at one price, on sale from the start. */
  private static SeedCatalog smallHall(Instant now) {
    Instant startsAt = now.plus(Duration.ofDays(10));
    return new SeedCatalog(List.of(new SeedConcert(CONCERT, "Small Hall", "Quiet Band", "Small Hall",
        List.of(new Section("ALL", 1, 50, PRICE)),
        List.of(new SeedSchedule(DATE, LocalDate.ofInstant(startsAt, ZoneOffset.UTC), startsAt)))));
  }

  /** {@code n} maintenance rounds, the clock moved past the placement's settling time before each. */
  private static void rounds(LocalHttp http, MutableClock clock, int n) {
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofSeconds(4));
      http.runtime.runScheduledFunctionsNow();
    }
    clock.advance(Duration.ofSeconds(2));  // past every function's one-second view of the queue
  }

  private static String joinSeeing(LocalHttp http, String user, String saleState) throws Exception {
    LocalHttp.Reply reply = http.send("POST", "/concerts/" + CONCERT + "/queue/tokens", as(user, null), null);
    assertThat(reply.status()).as("join of " + user).isEqualTo(201);
    assertThat(reply.body().get("saleState").asText()).as("what " + user + " is told on joining").isEqualTo(saleState);
    return reply.body().get("token").asText();
  }

  private static void assertWaiting(LocalHttp http, MutableClock clock, String user, String token, long position,
      String saleState) throws Exception {
    JsonNode status = Journey.status(http, user, token);
    assertThat(status.get("status").asText()).as(user).isEqualTo("WAITING");
    assertThat(status.get("position").asLong()).as(user + "'s place").isEqualTo(position);
    assertThat(status.get("saleState").asText()).isEqualTo(saleState);
  }

  private static String listedState(LocalHttp http, MutableClock clock) throws Exception {
    clock.advance(Duration.ofSeconds(6));  // past the catalogue's 5 s cache
    LocalHttp.Reply reply = http.get("/concerts", Map.of());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().at("/concerts/0/concertId").asText()).isEqualTo(CONCERT);
    return reply.body().at("/concerts/0/saleState").asText();
  }

  private static JsonNode board(LocalHttp http) throws Exception {
    LocalHttp.Reply reply = http.get("/concerts/" + CONCERT + "/queue", Map.of());
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  private static String hold(LocalHttp http, String user, String token, Integer... seats) throws Exception {
    LocalHttp.Reply held = http.send("POST", "/reservations", as(user, token), Journey.orderBody(CONCERT, DATE, seats));
    assertThat(held.status()).as(user + " holds " + seats.length + " seats").isEqualTo(201);
    return held.body().get("reservationId").asText();
  }

  private static void pay(LocalHttp http, String user, String token, String reservationId) throws Exception {
    Journey.charge(http, user, "charge-" + user, PRICE * SEATS_EACH);
    Journey.pay(http, user, token, reservationId);
  }
}
