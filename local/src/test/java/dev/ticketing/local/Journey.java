package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The steps of a buyer's journey over HTTP, shared by the local runtime's tests. Waiting for
 * the scheduler uses real time (the runtime runs on the system clock) with generous deadlines.
 */
final class Journey {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private Journey() {}

  interface Check {
    LocalHttp.Reply reply() throws Exception;
  }

  static Map<String, String> as(String user, String token) {
    Map<String, String> headers = new HashMap<>(Map.of("X-User-Id", user));
    if (token != null) {
      headers.put("X-Queue-Token", token);
    }
    return headers;
  }

  static String join(LocalHttp http, String user, String concertId) throws Exception {
    LocalHttp.Reply reply = http.send("POST", "/concerts/" + concertId + "/queue/tokens", as(user, null), null);
    assertThat(reply.status()).as("join of " + user).isEqualTo(201);
    return reply.body().get("token").asText();
  }

  static JsonNode status(LocalHttp http, String user, String token) throws Exception {
    LocalHttp.Reply reply = http.get("/queue/status", as(user, token));
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  /** Polls until {@code done} holds, failing after {@link #DEADLINE}. */
  static LocalHttp.Reply awaitReply(String what, Check check, Predicate<LocalHttp.Reply> done) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    LocalHttp.Reply last;
    do {
      last = check.reply();
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(200);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("gave up waiting for " + what + "; last reply " + last.status() + " " + last.body());
  }

  static void awaitActive(LocalHttp http, String user, String token) throws Exception {
    awaitReply(user + " ACTIVE", () -> http.get("/queue/status", as(user, token)),
        reply -> reply.body().get("status").asText().equals("ACTIVE"));
  }

  /** A hold of one seat in the form of earlier clients ({@code seatNo}), which the API still accepts. */
  static String reserveBody(String concertId, String scheduleId, int seatNo) {
    return "{\"concertId\":\"" + concertId + "\",\"scheduleId\":\"" + scheduleId + "\",\"seatNo\":" + seatNo + "}";
  }

  /** A hold of an order of seats. */
  static String orderBody(String concertId, String scheduleId, Integer... seatNos) {
    return "{\"concertId\":\"" + concertId + "\",\"scheduleId\":\"" + scheduleId + "\",\"seatNos\":"
        + java.util.Arrays.toString(seatNos).replace(" ", "") + "}";
  }

  static String firstDate(LocalHttp http, String concertId, String user, String token) throws Exception {
    LocalHttp.Reply dates = http.get("/concerts/" + concertId + "/schedules", as(user, token));
    assertThat(dates.status()).isEqualTo(200);
    return dates.body().at("/schedules/0/scheduleId").asText();
  }
}
