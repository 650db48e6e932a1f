package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The steps of a buyer's journey over HTTP, shared by the local runtime's tests. On a runtime
 * started on a clock ({@link LocalHttp#startOnClock}) the test runs each round ({@link #round});
 * otherwise waiting for the scheduler uses real time with generous deadlines.
 */
final class Journey {
  static final Duration DEADLINE = Duration.ofSeconds(20);
  /** Longer than the second for which the functions keep the queue's shared state (and a sale's state). */
  private static final Duration PAST_SHARED_STATE = Duration.ofSeconds(2);

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

  /** Rounds a runtime on a clock runs before a test gives up on a user's admission. */
  private static final int MAX_ROUNDS = 10;

  /**
   * A join after a turn that has just ended (paid, or out of time): until a round ends that turn
   * and frees its slot, the join answers 200 with it; then 201 with the new token. On a runtime on
   * a clock, so it runs the rounds itself, at most {@value #MAX_ROUNDS}; no waiting on the wall clock.
   */
  static String joinAgain(LocalHttp http, MutableClock clock, String user, String concertId) throws Exception {
    for (int rounds = 0; rounds < MAX_ROUNDS; rounds++) {
      LocalHttp.Reply reply = http.send("POST", "/concerts/" + concertId + "/queue/tokens", as(user, null), null);
      assertThat(reply.status()).as("join of " + user).isIn(200, 201);
      if (reply.status() == 201) {
        return reply.body().get("token").asText();
      }
      round(http, clock);
    }
    throw new AssertionError(user + " got no new turn in " + MAX_ROUNDS + " rounds");
  }

  /**
   * On a runtime on a clock ({@link LocalHttp#startOnClock}): runs rounds ({@link #round}) until
   * the user's token is ACTIVE, at most {@value #MAX_ROUNDS}; no waiting on the wall clock.
   */
  static void awaitActive(LocalHttp http, MutableClock clock, String user, String token) throws Exception {
    for (int rounds = 0; rounds < MAX_ROUNDS; rounds++) {
      if (status(http, user, token).get("status").asText().equals("ACTIVE")) {
        return;
      }
      round(http, clock);
    }
    assertActive(http, user, token);
  }

  /**
   * One maintenance round, then the clock moved past the functions' view of the queue's shared
   * state, so that the next request sees what the round (and anything before it) did.
   */
  static void round(LocalHttp http, MutableClock clock) {
    http.runtime.runScheduledFunctionsNow();
    clock.advance(PAST_SHARED_STATE);
  }

  static void assertActive(LocalHttp http, String user, String token) throws Exception {
    assertThat(status(http, user, token).get("status").asText()).as(user).isEqualTo("ACTIVE");
  }

  /** The user's status, which must stand at {@code position}. */
  static JsonNode assertPosition(LocalHttp http, String user, String token, long position) throws Exception {
    JsonNode status = status(http, user, token);
    assertThat(status.get("position").isNumber()).as(user + " placed: " + status).isTrue();
    assertThat(status.get("position").asLong()).as(user + "'s place").isEqualTo(position);
    return status;
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

  /** A charge of the user's balance under an idempotency key; its answer, which must be a 200. */
  static JsonNode charge(LocalHttp http, String user, String key, long amount) throws Exception {
    Map<String, String> headers = as(user, null);
    headers.put("Idempotency-Key", key);
    headers.put("Content-Type", "application/json");
    LocalHttp.Reply charged = http.send("POST", "/users/me/balance/charges", headers, "{\"amount\":" + amount + "}");
    assertThat(charged.status()).as("charge of " + user).isEqualTo(200);
    return charged.body();
  }

  /** A hold of one seat; its reservation id (the hold must be a 201). */
  static String hold(LocalHttp http, String user, String token, String concertId, String scheduleId, int seatNo)
      throws Exception {
    LocalHttp.Reply held = http.send("POST", "/reservations", as(user, token), reserveBody(concertId, scheduleId, seatNo));
    assertThat(held.status()).as(user + " holds seat " + seatNo).isEqualTo(201);
    return held.body().get("reservationId").asText();
  }

  /** A payment of a hold; its answer, which must be a 201. */
  static JsonNode pay(LocalHttp http, String user, String token, String reservationId) throws Exception {
    LocalHttp.Reply paid = http.send("POST", "/payments", as(user, token), "{\"reservationId\":\"" + reservationId + "\"}");
    assertThat(paid.status()).as(user + " pays").isEqualTo(201);
    return paid.body();
  }

  static String firstDate(LocalHttp http, String concertId, String user, String token) throws Exception {
    LocalHttp.Reply dates = http.get("/concerts/" + concertId + "/schedules", as(user, token));
    assertThat(dates.status()).isEqualTo(200);
    return dates.body().at("/schedules/0/scheduleId").asText();
  }
}
