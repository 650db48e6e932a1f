package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static dev.ticketing.local.Journey.assertActive;
import static dev.ticketing.local.Journey.join;
import static dev.ticketing.local.Journey.orderBody;
import static dev.ticketing.local.Journey.reserveBody;
import static dev.ticketing.local.Journey.round;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scalper, through the local runtime: one user with a single turn in the queue tries to
 * hold every one of a concert's 250 seats, one request after another as fast as it can, then in
 * orders of four. Before orders and the ticket limit, this user held all 250 in 2.5 seconds and
 * every other admitted user saw no bookable date. Now the user holds MAX_TICKETS_PER_USER seats.
 */
@ExtendWith(DynamoDbExtension.class)
class ScalperHttpTest {
  private static final String CONCERT = "winter-gala";

  @Test
  void a_scalper_with_one_turn_trying_all_250_seats_holds_four(TestTable table) throws Exception {
    MutableClock clock = MutableClock.fromSystem();
    try (LocalHttp http = LocalHttp.startOnClock(table, Map.of(), clock)) {
      String scalper = join(http, "scalper", CONCERT);
      String fan = join(http, "fan", CONCERT);
      round(http, clock);
      assertActive(http, "scalper", scalper);
      assertActive(http, "fan", fan);
      List<String> dates = new ArrayList<>();
      http.get("/concerts/" + CONCERT + "/schedules", as("scalper", scalper)).body().get("schedules")
          .forEach(date -> dates.add(date.get("scheduleId").asText()));
      assertThat(dates).hasSize(5);

      Map<String, Integer> answers = new TreeMap<>();
      int held = 0;
      for (String date : dates) {
        for (int seatNo = 1; seatNo <= 50; seatNo++) {
          LocalHttp.Reply reply = http.send("POST", "/reservations", as("scalper", scalper), reserveBody(CONCERT, date, seatNo));
          answers.merge(reply.status() + " " + (reply.status() == 201 ? "HELD" : reply.body().get("code").asText()), 1, Integer::sum);
          held += reply.status() == 201 ? 1 : 0;
        }
      }
      for (String date : dates) {
        for (int first = 1; first <= 49; first += 4) {
          Integer[] order = java.util.stream.IntStream.rangeClosed(first, Math.min(50, first + 3)).boxed().toArray(Integer[]::new);
          LocalHttp.Reply reply = http.send("POST", "/reservations", as("scalper", scalper), orderBody(CONCERT, date, order));
          answers.merge(reply.status() + " " + (reply.status() == 201 ? "HELD" : reply.body().get("code").asText()), 1, Integer::sum);
          held += reply.status() == 201 ? reply.body().get("seatNos").size() : 0;
        }
      }
      System.out.printf("the scalper's 250 single seats and 65 orders of four: %s%n", answers);

      assertThat(held).as("seats the scalper holds").isEqualTo(4);
      assertThat(answers).isEqualTo(Map.of("201 HELD", 4, "409 TICKET_LIMIT", 250 - 4 + 5 * 13));
      JsonNode schedules = http.get("/concerts/" + CONCERT + "/schedules", as("fan", fan)).body().get("schedules");
      assertThat(schedules).hasSize(5);
      int available = 0;
      for (JsonNode date : schedules) {
        available += date.get("availableSeats").asInt();
      }
      assertThat(available).isEqualTo(246);
      // Everyone else still finds seats: the fan holds the next four of the first date.
      LocalHttp.Reply fans = http.send("POST", "/reservations", as("fan", fan), orderBody(CONCERT, dates.get(0), 5, 6, 7, 8));
      assertThat(fans.status()).isEqualTo(201);
    }
  }
}
