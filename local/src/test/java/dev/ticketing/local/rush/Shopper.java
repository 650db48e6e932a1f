package dev.ticketing.local.rush;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * One simulated user of the rush, as a state machine: each {@link #step()} sends the next request
 * of the journey (top up, join, poll, list dates, read a seat map, hold an order of 1-4 seats, pay,
 * check) and says when to take the next step, or that the user is done. Most users try to buy;
 * some never come back once admitted, some hold seats and walk away, some cannot afford them,
 * some give a hold up and hold others, and some try to hold past the ticket limit.
 */
final class Shopper {
  /** Enough for an order of four of the dearest seats. */
  static final long TOP_UP = 700_000;
  static final long SHORT_TOP_UP = 50_000;
  private static final int MAX_JOINS = 2;
  private static final int MAX_HOLD_TRIES = 8;
  private static final int MAX_DATE_VISITS = 4;

  enum Outcome { BOUGHT, SOLD_OUT, ABANDONED_HOLD, NEVER_CAME_BACK, CANNOT_AFFORD, HOLD_LOST, SESSION_ENDED, GAVE_UP,
    STOPPED, FAILED }

  /** When to take the next step, and on which thread pool (admitted users never wait behind polls). */
  record Next(long delayMillis, boolean shopping) {}

  private enum Phase { TOP_UP, JOIN, POLL, DATES, SEATS, HOLD, OVER_LIMIT, GIVE_UP, PAY, CHECK_RESERVATION, CHECK_HISTORY }

  /**
   * A CHANGER gives the first hold up (DELETE) and holds again; a GREEDY one, holding an order,
   * tries another of four seats, which the ticket limit must refuse, then pays.
   */
  private enum Persona { BUYER, GHOST, ABANDONER, CHANGER, GREEDY, SHORT_OF_MONEY, NO_MONEY }

  private record Seat(int seatNo, long price) {}

  private final String userId;
  private final RushConfig config;
  private final RushClient http;
  private final ClientRecord record;
  private final Random random;
  private final Persona persona;
  private final boolean repeatsTopUp;
  private final boolean topsUpTwice;

  private Phase phase;
  private String token;
  private final List<String> tokens = new ArrayList<>();
  private int joins;
  private boolean admitted;
  private int dateVisits;
  private int holdTries;
  private String scheduleId;
  private List<Seat> candidates = List.of();
  private String reservationId;
  private List<Seat> held = List.of();
  private boolean changedMind;
  private String paymentId;
  private Outcome outcome;

  Shopper(int index, RushConfig config, RushClient http, ClientRecord record) {
    this.userId = String.format("rush-%05d", index);
    this.config = config;
    this.http = http;
    this.record = record;
    // SplittableRandom mixes its seed: users with neighbouring numbers still draw independently.
    this.random = new Random(new SplittableRandom(config.seed() + index).nextLong());
    double draw = random.nextDouble();
    this.persona = draw < 0.05 ? Persona.GHOST : draw < 0.20 ? Persona.ABANDONER : draw < 0.25 ? Persona.SHORT_OF_MONEY
        : draw < 0.30 ? Persona.NO_MONEY : draw < 0.40 ? Persona.CHANGER : draw < 0.45 ? Persona.GREEDY : Persona.BUYER;
    this.repeatsTopUp = random.nextDouble() < 0.2;
    this.topsUpTwice = random.nextDouble() < 0.1;
    this.phase = persona == Persona.NO_MONEY ? Phase.JOIN : Phase.TOP_UP;
  }

  String userId() {
    return userId;
  }

  /** Every queue token this user was given (to make sure no log ever shows one). */
  List<String> tokens() {
    return List.copyOf(tokens);
  }

  boolean admitted() {
    return admitted;
  }

  Outcome outcome() {
    return outcome;
  }

  void stop() {
    if (outcome == null) {
      outcome = Outcome.STOPPED;
    }
  }

  /** Sends this user's next request; {@code null} when the user is done. */
  Next step() throws InterruptedException {
    return switch (phase) {
      case TOP_UP -> topUp();
      case JOIN -> join();
      case POLL -> poll();
      case DATES -> dates();
      case SEATS -> seats();
      case HOLD -> hold();
      case OVER_LIMIT -> holdPastTheLimit();
      case GIVE_UP -> giveUp();
      case PAY -> pay();
      case CHECK_RESERVATION -> checkReservation();
      case CHECK_HISTORY -> checkHistory();
    };
  }

  private Next topUp() throws InterruptedException {
    long amount = persona == Persona.SHORT_OF_MONEY ? SHORT_TOP_UP : TOP_UP;
    if (!charge(userId + "-topup", amount)) {
      return done(Outcome.FAILED);
    }
    record.charged(userId, amount);
    if (repeatsTopUp) {
      // The same Idempotency-Key again (a client retry): charged once, answered as the first time.
      if (!charge(userId + "-topup", amount)) {
        return done(Outcome.FAILED);
      }
      record.event("top-up repeated under the same key");
    }
    if (topsUpTwice) {
      if (!charge(userId + "-extra", 10_000)) {
        return done(Outcome.FAILED);
      }
      record.charged(userId, 10_000);
    }
    phase = Phase.JOIN;
    return new Next(think(), false);
  }

  private boolean charge(String key, long amount) throws InterruptedException {
    RushClient.Reply reply = http.send("POST /users/me/balance/charges", "POST", "/users/me/balance/charges",
        Map.of("X-User-Id", userId, "Idempotency-Key", key), "{\"amount\":" + amount + "}");
    if (reply.status() != 200 || reply.body().path("chargedAmount").asLong() != amount) {
      record.unexpected(userId + " top-up: " + reply.status() + " " + reply.body());
      return false;
    }
    return true;
  }

  private Next join() throws InterruptedException {
    RushClient.Reply reply = http.send("POST /concerts/{concertId}/queue/tokens", "POST",
        "/concerts/" + config.concertId() + "/queue/tokens", Map.of("X-User-Id", userId), null);
    if (reply.status() != 201 && reply.status() != 200) {
      record.unexpected(userId + " join: " + reply.status() + " " + reply.body());
      return done(Outcome.FAILED);
    }
    joins++;
    token = reply.body().get("token").asText();
    tokens.add(token);
    return afterStatus(reply.body());
  }

  private Next poll() throws InterruptedException {
    RushClient.Reply reply = http.send("GET /queue/status", "GET", "/queue/status", gated(), null);
    if (reply.status() != 200) {
      record.unexpected(userId + " poll: " + reply.status() + " " + reply.body());
      return done(Outcome.FAILED);
    }
    return afterStatus(reply.body());
  }

  private Next afterStatus(JsonNode queue) {
    switch (queue.get("status").asText()) {
      case "ACTIVE" -> {
        if (!admitted) {
          admitted = true;
          record.event("admitted");
        }
        if (persona == Persona.GHOST) {
          return done(Outcome.NEVER_CAME_BACK);
        }
        phase = Phase.DATES;
        return new Next(0, true);
      }
      case "WAITING" -> {
        phase = Phase.POLL;
        JsonNode estimate = queue.get("estimatedWaitSeconds");
        return new Next(pollDelay(queue.get("position").asLong(), estimate.isNull() ? null : estimate.asLong()), false);
      }
      default -> {
        record.event("slot lost before the first gated request");
        return rejoinOr(Outcome.SESSION_ENDED);
      }
    }
  }

  private Next dates() throws InterruptedException {
    if (++dateVisits > MAX_DATE_VISITS) {
      return done(Outcome.GAVE_UP);
    }
    RushClient.Reply reply = http.send("GET /concerts/{concertId}/schedules", "GET",
        "/concerts/" + config.concertId() + "/schedules", gated(), null);
    if (reply.status() != 200) {
      return refusedGated("dates", reply);
    }
    JsonNode schedules = reply.body().get("schedules");
    if (schedules.isEmpty()) {
      return done(Outcome.SOLD_OUT);
    }
    // The rush goes for the first date; some spread over the others.
    int pick = random.nextDouble() < 0.5 ? 0 : random.nextInt(schedules.size());
    scheduleId = schedules.get(pick).get("scheduleId").asText();
    phase = Phase.SEATS;
    return new Next(think(), true);
  }

  private Next seats() throws InterruptedException {
    RushClient.Reply reply = http.send("GET /concerts/{concertId}/schedules/{scheduleId}/seats", "GET",
        "/concerts/" + config.concertId() + "/schedules/" + scheduleId + "/seats", gated(), null);
    if (reply.status() != 200) {
      return refusedGated("seat map", reply);
    }
    List<Seat> available = new ArrayList<>();
    reply.body().get("seats").forEach(seat -> {
      if (seat.get("status").asText().equals("AVAILABLE")) {
        available.add(new Seat(seat.get("seatNo").asInt(), seat.get("price").asLong()));
      }
    });
    if (available.isEmpty()) {
      phase = Phase.DATES;
      return new Next(think(), true);
    }
    candidates = available;
    phase = Phase.HOLD;
    return new Next(think(), true);
  }

  private Next hold() throws InterruptedException {
    // Half go for the best seats left (the lowest numbers), so holds collide; the rest pick at random.
    // Orders of 1-4 neighbouring seats, most of one or two.
    int pick = random.nextDouble() < 0.5 ? random.nextInt(Math.min(4, candidates.size())) : random.nextInt(candidates.size());
    double size = random.nextDouble();
    int wanted = size < 0.4 ? 1 : size < 0.75 ? 2 : size < 0.9 ? 3 : 4;
    List<Seat> order = new ArrayList<>(List.of(candidates.get(pick)));
    for (int i = pick + 1; i < candidates.size() && order.size() < wanted
        && candidates.get(i).seatNo() == order.get(order.size() - 1).seatNo() + 1; i++) {
      order.add(candidates.get(i));
    }
    candidates = new ArrayList<>(candidates);
    candidates.removeAll(order);
    holdTries++;
    List<Integer> seatNos = order.stream().map(Seat::seatNo).toList();
    RushClient.Reply reply = http.send("POST /reservations", "POST", "/reservations", gated(),
        "{\"concertId\":\"" + config.concertId() + "\",\"scheduleId\":\"" + scheduleId + "\",\"seatNos\":"
            + seatNos.toString().replace(" ", "") + "}");
    if (reply.status() == 201 || reply.status() == 200) {
      reservationId = reply.body().get("reservationId").asText();
      List<Seat> answered = new ArrayList<>();
      reply.body().get("seats").forEach(seat -> answered.add(new Seat(seat.get("seatNo").asInt(), seat.get("price").asLong())));
      held = List.copyOf(answered);
      if (!held.equals(order) || reply.body().get("price").asLong() != heldPrice()) {
        record.violation(userId + " held " + order + " and was answered " + reply.body());
      }
      if (persona == Persona.ABANDONER) {
        return done(Outcome.ABANDONED_HOLD);
      }
      phase = persona == Persona.CHANGER && !changedMind ? Phase.GIVE_UP
          : persona == Persona.GREEDY ? Phase.OVER_LIMIT : Phase.PAY;
      return new Next(think(), true);
    }
    if (reply.status() == 409 && reply.code().equals("SEAT_UNAVAILABLE")) {
      List<Integer> named = new ArrayList<>();
      reply.body().path("seatNos").forEach(seatNo -> named.add(seatNo.asInt()));
      if (named.isEmpty() || !seatNos.containsAll(named)) {
        record.violation(userId + " asked for " + seatNos + " and was refused naming " + reply.body());
      }
      if (holdTries >= MAX_HOLD_TRIES) {
        return done(Outcome.GAVE_UP);
      }
      phase = candidates.isEmpty() || holdTries % 3 == 0 ? Phase.SEATS : Phase.HOLD;
      return new Next(think(), true);
    }
    return refusedGated("hold", reply);
  }

  /** Holding an order, another of four seats: the limit must refuse it, before it asks whether the seats are free. */
  private Next holdPastTheLimit() throws InterruptedException {
    RushClient.Reply reply = http.send("POST /reservations", "POST", "/reservations", gated(),
        "{\"concertId\":\"" + config.concertId() + "\",\"scheduleId\":\"" + scheduleId + "\",\"seatNos\":[47,48,49,50]}");
    if (reply.status() == 409 && reply.code().equals("TICKET_LIMIT")) {
      record.event("refused at the ticket limit");
    } else if (reply.status() == 201 || reply.status() == 200) {
      record.violation(userId + " holds " + held.size() + " seats and was given 4 more: " + reply.body());
    } else if (reply.status() != 401) {
      record.unexpected(userId + " past the limit: " + reply.status() + " " + reply.body());
    }
    phase = Phase.PAY;
    return new Next(think(), true);
  }

  /** Gives the hold up: its seats are free at once, and it reads RELEASED; then holds again. */
  private Next giveUp() throws InterruptedException {
    changedMind = true;
    RushClient.Reply reply = http.send("DELETE /reservations/{reservationId}", "DELETE", "/reservations/" + reservationId,
        Map.of("X-User-Id", userId), null);
    if (reply.status() != 204) {
      record.unexpected(userId + " give up: " + reply.status() + " " + reply.body());
      return done(Outcome.FAILED);
    }
    RushClient.Reply after = http.send("GET /reservations/{reservationId}", "GET", "/reservations/" + reservationId,
        Map.of("X-User-Id", userId), null);
    String status = after.status() == 200 ? after.body().path("status").asText() : "";
    // Given up, or it ran out (with the turn) just before: either way the seats are no longer this user's.
    if (!status.equals("RELEASED") && !status.equals("EXPIRED")) {
      record.violation(userId + " gave up " + reservationId + ", which reads " + after.status() + " " + after.body());
    }
    record.event("gave a hold up");
    held = List.of();
    reservationId = null;
    phase = Phase.SEATS;
    return new Next(think(), true);
  }

  private long heldPrice() {
    return held.stream().mapToLong(Seat::price).sum();
  }

  private Next pay() throws InterruptedException {
    RushClient.Reply reply = http.send("POST /payments", "POST", "/payments", gated(),
        "{\"reservationId\":\"" + reservationId + "\"}");
    if (reply.status() == 201 || reply.status() == 200) {
      JsonNode payment = reply.body();
      paymentId = payment.get("paymentId").asText();
      long amount = payment.get("amount").asLong();
      List<Integer> seatNos = new ArrayList<>();
      payment.get("seatNos").forEach(seatNo -> seatNos.add(seatNo.asInt()));
      record.paid(new ClientRecord.PaidOrder(payment.get("userId").asText(), payment.get("reservationId").asText(), paymentId,
          payment.get("scheduleId").asText(), seatNos, amount));
      if (amount != heldPrice() || !payment.get("userId").asText().equals(userId)
          || !seatNos.equals(held.stream().map(Seat::seatNo).toList())) {
        record.violation(userId + " paid for seats " + held + " and was answered " + payment);
      }
      phase = Phase.CHECK_RESERVATION;
      return new Next(think(), true);
    }
    if (reply.status() == 409 && reply.code().equals("INSUFFICIENT_BALANCE")) {
      if (persona != Persona.SHORT_OF_MONEY && persona != Persona.NO_MONEY) {
        record.violation(userId + " topped up " + TOP_UP + " and could not pay " + heldPrice());
      }
      return done(Outcome.CANNOT_AFFORD);
    }
    if (reply.status() == 409 && reply.code().equals("HOLD_EXPIRED")) {
      return done(Outcome.HOLD_LOST);
    }
    if (reply.status() == 401 && reply.code().equals("TOKEN_EXPIRED")) {
      return done(Outcome.SESSION_ENDED);
    }
    record.unexpected(userId + " pay: " + reply.status() + " " + reply.body());
    return done(Outcome.FAILED);
  }

  private Next checkReservation() throws InterruptedException {
    RushClient.Reply reply = http.send("GET /reservations/{reservationId}", "GET", "/reservations/" + reservationId,
        Map.of("X-User-Id", userId), null);
    if (reply.status() != 200 || !reply.body().path("status").asText().equals("CONFIRMED")) {
      record.violation(userId + " paid for " + reservationId + ", which reads " + reply.status() + " " + reply.body());
    }
    phase = Phase.CHECK_HISTORY;
    return new Next(think(), true);
  }

  private Next checkHistory() throws InterruptedException {
    RushClient.Reply reply = http.send("GET /users/me/payments", "GET", "/users/me/payments", Map.of("X-User-Id", userId),
        null);
    List<String> ids = new ArrayList<>();
    if (reply.status() == 200) {
      reply.body().get("payments").forEach(p -> ids.add(p.get("paymentId").asText()));
    }
    if (!ids.equals(List.of(paymentId))) {
      record.violation(userId + " paid " + paymentId + " and the history says " + reply.status() + " " + ids);
    }
    return done(Outcome.BOUGHT);
  }

  /** A gated request answered with anything but 200: the session may have ended, or it is a surprise. */
  private Next refusedGated(String what, RushClient.Reply reply) {
    if (reply.status() == 401 && reply.code().equals("TOKEN_EXPIRED")) {
      record.event("session ended while shopping");
      return rejoinOr(Outcome.SESSION_ENDED);
    }
    record.unexpected(userId + " " + what + ": " + reply.status() + " " + reply.body());
    return done(Outcome.FAILED);
  }

  private Next rejoinOr(Outcome outcome) {
    if (joins >= MAX_JOINS) {
      return done(outcome);
    }
    record.event("rejoined");
    phase = Phase.JOIN;
    dateVisits = 0;
    holdTries = 0;
    return new Next(think(), false);
  }

  private Next done(Outcome how) {
    outcome = how;
    return null;
  }

  private Map<String, String> gated() {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-User-Id", userId);
    headers.put("X-Queue-Token", token);
    return headers;
  }

  /**
   * Polls come as often as the queue moves: at a third of the estimated wait (position / admission
   * rate until the server has measured one), every 1-2 s within three rounds of admission (whole
   * rounds are admitted at once when sessions end together), so an admitted user comes back well
   * within the admission grace; at most every 6 s at the back.
   */
  private long pollDelay(long position, Long estimatedWaitSeconds) {
    long byWait = estimatedWaitSeconds == null ? 1_000L * position / config.maxActive() : estimatedWaitSeconds * 1_000 / 3;
    long cap = position <= 3L * config.maxActive() ? Math.min(2_000, config.admissionGraceSeconds() * 1_000L / 3) : 6_000;
    long delay = Math.max(1_000, Math.min(cap, byWait));
    return delay * (80 + random.nextInt(41)) / 100;
  }

  private long think() {
    return 20 + random.nextInt(130);
  }
}
