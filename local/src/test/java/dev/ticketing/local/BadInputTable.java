package dev.ticketing.local;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The table of bad input for every endpoint: malformed and truncated JSON, wrong types, missing and
 * unknown fields, empty and oversized bodies, numbers at and past their limits, ids with unicode,
 * spaces, slashes and 10,000 characters (URL-encoded in paths, raw in bodies and headers), tampered
 * cursors, and missing or garbage {@code X-User-Id}, {@code X-Queue-Token}, {@code Idempotency-Key}
 * and {@code Content-Type}. Each case changes one thing of an otherwise valid request of a set-up
 * user (see {@link Fixture}) and names the problem it must get. Body faults are tried under each
 * accepted way of saying "JSON" ({@link #JSON_TYPES}) in the full table; the quick table keeps a
 * spread of every group.
 */
final class BadInputTable {
  static final String CONCERT = "winter-gala";
  static final String OTHER_CONCERT = "neon-tide-tour";
  private static final String TEN_THOUSAND = "a".repeat(10_000);
  private static final String TWO_TO_THE_63 = BigInteger.TWO.pow(63).toString();

  /** Content types the API reads as JSON; {@code null} sends none (JSON is the default). */
  static final List<String> JSON_TYPES = List.of("application/json", "application/json; charset=utf-8",
      "application/problem+json", "(none)");

  /** Valid users, tokens and records, set up and used once (gate's first-use write done) before the table runs. */
  record Fixture(String aliceToken, String bobToken, String walterToken, String xavierToken, String date,
      String aliceReservation, String bobReservation, String carolPaidReservation, String carolPaymentsCursor,
      String concertsCursor) {}

  record Case(String endpoint, String group, String name, RawHttp.Request request, int status, String code) {
    @Override
    public String toString() {
      return endpoint + " [" + group + "] " + name;
    }
  }

  private final Fixture fixture;
  private final List<Case> cases = new ArrayList<>();

  private BadInputTable(Fixture fixture) {
    this.fixture = fixture;
  }

  /** Every case. */
  static List<Case> full(Fixture fixture) {
    BadInputTable table = new BadInputTable(fixture);
    table.build(JSON_TYPES);
    return List.copyOf(table.cases);
  }

  /**
   * A spread of the full table that keeps every endpoint and every group: the first and last case
   * of each (endpoint, group) and every fifth in between, body faults under one content type.
   */
  static List<Case> quick(Fixture fixture) {
    BadInputTable table = new BadInputTable(fixture);
    table.build(List.of("application/json"));
    Map<String, List<Case>> groups = new LinkedHashMap<>();
    table.cases.forEach(c -> groups.computeIfAbsent(c.endpoint() + " " + c.group(), k -> new ArrayList<>()).add(c));
    List<Case> quick = new ArrayList<>();
    groups.values().forEach(group -> {
      for (int i = 0; i < group.size(); i++) {
        if (i % 5 == 0 || i == group.size() - 1) {
          quick.add(group.get(i));
        }
      }
    });
    return List.copyOf(quick);
  }

  // ---------------------------------------------------------------------------------------------

  private void build(List<String> jsonTypes) {
    String alice = fixture.aliceToken();
    String seats = "/concerts/" + CONCERT + "/schedules/" + fixture.date() + "/seats";
    String validHold = hold(CONCERT, fixture.date(), 7);
    String validPay = "{\"reservationId\":\"" + fixture.aliceReservation() + "\"}";
    String validCharge = "{\"amount\":1000}";

    Endpoint concerts = new Endpoint("GET /concerts", "GET", "/concerts", null, null, null);
    Endpoint board = new Endpoint("GET /concerts/{concertId}/queue", "GET", "/concerts/" + CONCERT + "/queue", null, null, null);
    Endpoint join = new Endpoint("POST /concerts/{concertId}/queue/tokens", "POST", "/concerts/" + CONCERT + "/queue/tokens",
        "alice", null, null);
    Endpoint status = new Endpoint("GET /queue/status", "GET", "/queue/status", "alice", alice, null);
    Endpoint dates = new Endpoint("GET /concerts/{concertId}/schedules", "GET", "/concerts/" + CONCERT + "/schedules",
        "alice", alice, null);
    Endpoint seatMap = new Endpoint("GET /concerts/{concertId}/schedules/{scheduleId}/seats", "GET", seats, "alice", alice, null);
    Endpoint reserve = new Endpoint("POST /reservations", "POST", "/reservations", "alice", alice, validHold);
    Endpoint reservation = new Endpoint("GET /reservations/{reservationId}", "GET",
        "/reservations/" + fixture.aliceReservation(), "alice", null, null);
    // Valid as it stands, it would give up alice's hold: every case below changes one thing that makes it refused.
    Endpoint release = new Endpoint("DELETE /reservations/{reservationId}", "DELETE",
        "/reservations/" + fixture.aliceReservation(), "alice", null, null);
    Endpoint balance = new Endpoint("GET /users/me/balance", "GET", "/users/me/balance", "alice", null, null);
    Endpoint charge = new Endpoint("POST /users/me/balance/charges", "POST", "/users/me/balance/charges", "alice", null,
        validCharge);
    Endpoint pay = new Endpoint("POST /payments", "POST", "/payments", "alice", alice, validPay);
    Endpoint payments = new Endpoint("GET /users/me/payments", "GET", "/users/me/payments", "carol", null, null);
    List<Endpoint> identified = List.of(join, status, dates, seatMap, reserve, reservation, release, balance, charge, pay,
        payments);
    List<Endpoint> gated = List.of(dates, seatMap, reserve, pay);

    // --- identity: X-User-Id (the JWT sub claim locally) on every route that needs one ---
    for (Endpoint endpoint : identified) {
      add(endpoint, "identity", "no X-User-Id", endpoint.without("X-User-Id"), 401, "UNAUTHENTICATED");
      add(endpoint, "identity", "empty X-User-Id", endpoint.replacing("X-User-Id", ""), 401, "UNAUTHENTICATED");
      for (Map.Entry<String, String> bad : badUserIds().entrySet()) {
        add(endpoint, "identity", "X-User-Id " + bad.getKey(), endpoint.replacing("X-User-Id", bad.getValue()), 400,
            "VALIDATION_FAILED");
      }
      add(endpoint, "identity", "two X-User-Id headers", endpoint.request().with("X-User-Id", "bob"), 400, "VALIDATION_FAILED");
    }

    // --- queue tokens on the status poll and every gated route ---
    for (Endpoint endpoint : concat(List.of(status), gated)) {
      add(endpoint, "token", "no X-Queue-Token", endpoint.without("X-Queue-Token"), 401, "TOKEN_INVALID");
      for (Map.Entry<String, String> bad : badTokens(alice).entrySet()) {
        add(endpoint, "token", "X-Queue-Token " + bad.getKey(), endpoint.replacing("X-Queue-Token", bad.getValue()), 401,
            "TOKEN_INVALID");
      }
      add(endpoint, "token", "two X-Queue-Token headers", endpoint.request().with("X-Queue-Token", alice), 401,
          "TOKEN_INVALID");
    }
    for (Endpoint endpoint : List.of(dates, seatMap, reserve)) {
      add(endpoint, "token", "a waiting token", endpoint.as("walter", fixture.walterToken()), 403, "TOKEN_NOT_ACTIVE");
    }

    // --- ids in path segments, URL-encoded ---
    pathIds(join, "concertId", id -> "/concerts/" + id + "/queue/tokens", "CONCERT_NOT_FOUND");
    pathIds(board, "concertId", id -> "/concerts/" + id + "/queue", "CONCERT_NOT_FOUND");
    pathIds(dates, "concertId", id -> "/concerts/" + id + "/schedules", "TOKEN_FORBIDDEN");
    pathIds(seatMap, "concertId", id -> "/concerts/" + id + "/schedules/" + fixture.date() + "/seats", "TOKEN_FORBIDDEN");
    pathIds(seatMap, "scheduleId", id -> "/concerts/" + CONCERT + "/schedules/" + id + "/seats", "SCHEDULE_NOT_FOUND");
    pathIds(reservation, "reservationId", id -> "/reservations/" + id, "RESERVATION_NOT_FOUND");
    pathIds(release, "reservationId", id -> "/reservations/" + id, "RESERVATION_NOT_FOUND");

    // --- query parameters: limits and cursors ---
    for (Endpoint endpoint : List.of(concerts, payments)) {
      for (String limit : List.of("0", "-1", "1.5", TWO_TO_THE_63, "101", "abc", "", "1e1", "%201", "%00",
          "%ED%95%9C", "1&limit=2", TEN_THOUSAND)) {
        add(endpoint, "limit", "limit=" + abbreviate(limit), endpoint.at(endpoint.path() + "?limit=" + limit), 400,
            "VALIDATION_FAILED");
      }
      String real = endpoint == concerts ? fixture.concertsCursor() : fixture.carolPaymentsCursor();
      String otherList = endpoint == concerts ? fixture.carolPaymentsCursor() : fixture.concertsCursor();
      Map<String, String> cursors = new LinkedHashMap<>();
      cursors.put("garbage", "garbage!");
      cursors.put("empty", "");
      cursors.put("not base64", "%%%");
      cursors.put("padded", cursor("v1:winter-gala") + "==");
      cursors.put("base64 of random bytes", "AAECAwQFBgcICQ");
      cursors.put("another version", cursor("v2:winter-gala"));
      cursors.put("no position", cursor("v1:"));
      cursors.put("position with a slash", cursor("v1:a/b"));
      cursors.put("position of a key of another shape", cursor("v1:CONCERT#winter-gala#SCHEDULE"));
      cursors.put("position with unicode", cursor("v1:한글"));
      cursors.put("position of 10,000 characters", cursor("v1:" + TEN_THOUSAND));
      cursors.put("600 characters", "A".repeat(600));
      cursors.put("a real cursor with a character added", real + "A");
      cursors.put("a real cursor cut short", real.substring(0, cutToInvalidLength(real.length())));
      cursors.put("a real cursor in the standard alphabet", real.replace('-', '+').replace('_', '/') + "+/");
      cursors.put("a real cursor with its prefix changed", tamperedVersion(real));
      cursors.put("the cursor of the other list", otherList);
      for (Map.Entry<String, String> c : cursors.entrySet()) {
        add(endpoint, "cursor", "cursor " + c.getKey(), endpoint.at(endpoint.path() + "?cursor="
            + URLEncoder.encode(c.getValue(), StandardCharsets.UTF_8)), 400, "VALIDATION_FAILED");
      }
    }

    // --- bodies ---
    bodies(reserve, holdBodies(), jsonTypes);
    bodies(pay, paymentBodies(), jsonTypes);
    bodies(charge, chargeBodies(), jsonTypes);
    for (Endpoint endpoint : List.of(reserve, pay, charge)) {
      for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "application/octet-stream",
          "multipart/form-data; boundary=x", "garbage", ";;;", "json", "application/jsonp", "한글/json")) {
        add(endpoint, "content type", "Content-Type " + type, endpoint.request().with("Content-Type", type), 415,
            "UNSUPPORTED_MEDIA_TYPE");
      }
      add(endpoint, "content type", "two Content-Type headers",
          endpoint.request().with("Content-Type", "application/json").with("Content-Type", "text/plain"), 415,
          "UNSUPPORTED_MEDIA_TYPE");
      add(endpoint, "content type", "no Content-Type and malformed JSON", endpoint.withBody("{\"x\":"), 400,
          "VALIDATION_FAILED");
      String padded = endpoint.body().substring(0, endpoint.body().length() - 1) + " ".repeat(1 << 20) + "}";
      add(endpoint, "size", "a valid body padded to 1 MB", endpoint.withBody(padded).with("Content-Type", "application/json"),
          413, "PAYLOAD_TOO_LARGE");
      add(endpoint, "size", "a 1 MB string", endpoint.withBody("{\"x\":\"" + "a".repeat(1 << 20) + "\"}")
          .with("Content-Type", "application/json"), 413, "PAYLOAD_TOO_LARGE");
      add(endpoint, "size", "1 MB of garbage", endpoint.withBody("x".repeat(1 << 20)).with("Content-Type", "application/json"),
          413, "PAYLOAD_TOO_LARGE");
      add(endpoint, "size", "64 KiB + 1", endpoint.withBody("{\"x\":\"" + "a".repeat(64 * 1024 - 7) + "\"}")
          .with("Content-Type", "application/json"), 413, "PAYLOAD_TOO_LARGE");
    }

    // --- Idempotency-Key ---
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("empty", "");
    keys.put("of 129 characters", "k".repeat(129));
    keys.put("of 10,000 characters", TEN_THOUSAND);
    keys.put("with unicode", "키-1");
    keys.put("with a control character", "a\u0001b");
    keys.put("with DEL", "a\u007fb");
    keys.put("with Latin-1", "caf\u00e9");
    for (Map.Entry<String, String> key : keys.entrySet()) {
      add(charge, "idempotency key", "Idempotency-Key " + key.getKey(),
          charge.request().with("Content-Type", "application/json").with("Idempotency-Key", key.getValue()), 400,
          "VALIDATION_FAILED");
    }
    add(charge, "idempotency key", "a used key with another amount",
        charge.withBody("{\"amount\":1234}").with("Content-Type", "application/json").with("Idempotency-Key", "alice-topup"),
        409, "IDEMPOTENCY_KEY_REUSED");

    // --- well-formed requests the state refuses: nothing may change either ---
    add(join, "refused", "an unknown concert", join.at("/concerts/no-such-concert/queue/tokens"), 404, "CONCERT_NOT_FOUND");
    add(seatMap, "refused", "an unknown date", seatMap.at("/concerts/" + CONCERT + "/schedules/" + CONCERT + "-1999-01-01/seats"),
        404, "SCHEDULE_NOT_FOUND");
    add(reserve, "refused", "an unknown date", reserve.withBody(hold(CONCERT, CONCERT + "-1999-01-01", 7)), 404,
        "SCHEDULE_NOT_FOUND");
    add(reserve, "refused", "a seat another user holds", reserve.withBody(hold(CONCERT, fixture.date(), 6)), 409,
        "SEAT_UNAVAILABLE");
    add(reserve, "refused", "another concert than the token's", reserve.withBody(hold(OTHER_CONCERT, fixture.date(), 7)), 403,
        "TOKEN_FORBIDDEN");
    add(pay, "refused", "an unknown reservation", pay.withBody("{\"reservationId\":\"no-such-reservation\"}"), 404,
        "RESERVATION_NOT_FOUND");
    add(pay, "refused", "another user's reservation", pay.withBody("{\"reservationId\":\"" + fixture.bobReservation() + "\"}"),
        404, "RESERVATION_NOT_FOUND");
    add(reservation, "refused", "another user's reservation", reservation.at("/reservations/" + fixture.bobReservation()), 404,
        "RESERVATION_NOT_FOUND");
    add(release, "refused", "another user's reservation", release.at("/reservations/" + fixture.bobReservation()), 404,
        "RESERVATION_NOT_FOUND");
    Endpoint releasePaid = new Endpoint(release.name(), "DELETE", "/reservations/" + fixture.carolPaidReservation(), "carol",
        null, null);
    add(release, "refused", "a paid reservation", releasePaid.request(), 409, "ALREADY_PAID");
    add(dates, "refused", "a token of another concert", dates.as("xavier", fixture.xavierToken()), 403, "TOKEN_FORBIDDEN");
    for (String[] route : new String[][] {{"PATCH", "/reservations"}, {"DELETE", "/reservations"},
        {"PUT", "/reservations/" + fixture.aliceReservation()},
        {"PUT", "/users/me/balance"}, {"GET", "/payments"}, {"POST", "/queue/status"}, {"GET", "/users/alice/balance"},
        {"GET", "/users/me/balance/"}, {"GET", "/concerts/" + CONCERT + "/queue/tokens"}}) {
      add(new Endpoint("(unknown routes)", route[0], route[1], "alice", alice, null), "route",
          route[0] + " " + route[1], RawHttp.Request.of(route[0], route[1], Map.of("X-User-Id", "alice", "X-Queue-Token", alice), null),
          404, "ROUTE_NOT_FOUND");
    }
  }

  private void pathIds(Endpoint endpoint, String field, Function<String, String> path, String unknownCode) {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("with unicode", "%ED%95%9C%EA%B8%80");
    ids.put("with a space", "a%20b");
    ids.put("with a plus", "a+b");
    ids.put("of 10,000 characters", TEN_THOUSAND);
    ids.put("of 65 characters", "a".repeat(65));
    ids.put("with NUL", "a%00b");
    ids.put("with a hash", "a%23b");
    ids.put("with a quote", "a%22b");
    ids.put("with an encoded percent", "a%2525b");
    ids.put("with a newline", "a%0Ab");
    for (Map.Entry<String, String> id : ids.entrySet()) {
      add(endpoint, "path id", field + " " + id.getKey(), endpoint.at(path.apply(id.getValue())), 400, "VALIDATION_FAILED");
    }
    add(endpoint, "path id", field + " with an encoded slash", endpoint.at(path.apply("a%2Fb")), 404, "ROUTE_NOT_FOUND");
    int unknownStatus = unknownCode.equals("TOKEN_FORBIDDEN") ? 403 : 404;
    add(endpoint, "path id", field + " an encoded dot-dot", endpoint.at(path.apply("%2E%2E")), unknownStatus, unknownCode);
    add(endpoint, "path id", field + " unknown", endpoint.at(path.apply("no-such-" + field)), unknownStatus, unknownCode);
  }

  private void bodies(Endpoint endpoint, Map<String, String> bodies, List<String> jsonTypes) {
    for (String type : jsonTypes) {
      for (Map.Entry<String, String> body : bodies.entrySet()) {
        RawHttp.Request request = endpoint.withBody(body.getValue());
        if (!type.equals("(none)")) {
          request = request.with("Content-Type", type);
        }
        add(endpoint, "body", body.getKey() + " as " + type, request, 400, "VALIDATION_FAILED");
      }
    }
  }

  private Map<String, String> holdBodies() {
    Map<String, String> bodies = structural("{\"concertId\":\"" + CONCERT + "\",\"scheduleId\":\"" + fixture.date() + "\",\"seatNo\":7}");
    String date = fixture.date();
    for (Map.Entry<String, String> value : badIdValues().entrySet()) {
      bodies.put("concertId " + value.getKey(), "{\"concertId\":" + value.getValue() + ",\"scheduleId\":\"" + date + "\",\"seatNo\":7}");
      bodies.put("scheduleId " + value.getKey(), "{\"concertId\":\"" + CONCERT + "\",\"scheduleId\":" + value.getValue() + ",\"seatNo\":7}");
    }
    for (Map.Entry<String, String> value : badIntegers(List.of("0", "51", "-1", "2147483648")).entrySet()) {
      bodies.put("seatNo " + value.getKey(), "{\"concertId\":\"" + CONCERT + "\",\"scheduleId\":\"" + date + "\",\"seatNo\":"
          + value.getValue() + "}");
    }
    bodies.put("no concertId", "{\"scheduleId\":\"" + date + "\",\"seatNo\":7}");
    bodies.put("no scheduleId", "{\"concertId\":\"" + CONCERT + "\",\"seatNo\":7}");
    bodies.put("no seatNo", "{\"concertId\":\"" + CONCERT + "\",\"scheduleId\":\"" + date + "\"}");
    for (String field : List.of("userId", "price", "status", "holdExpiresAt", "reservationId")) {
      bodies.put("unknown field " + field, hold(CONCERT, date, 7).replace("}", ",\"" + field + "\":\"x\"}"));
    }
    bodies.put("a duplicate seatNo", "{\"concertId\":\"" + CONCERT + "\",\"scheduleId\":\"" + date + "\",\"seatNo\":7,\"seatNo\":8}");
    Map<String, String> seatLists = new LinkedHashMap<>();
    seatLists.put("empty", "[]");
    seatLists.put("with a seat twice", "[7,7]");
    seatLists.put("of five seats", "[7,8,9,10,11]");
    seatLists.put("of fifty seats", java.util.stream.IntStream.rangeClosed(1, 50).boxed().toList().toString().replace(" ", ""));
    seatLists.put("with seat 0", "[0,7]");
    seatLists.put("with seat 51", "[7,51]");
    seatLists.put("with null", "[7,null]");
    seatLists.put("with a fraction", "[7.5]");
    seatLists.put("with a string", "[\"7\"]");
    seatLists.put("with an array", "[[7]]");
    seatLists.put("of 10,000 numbers", "[" + "7,".repeat(9_999) + "7]");
    seatLists.put("a number", "7");
    seatLists.put("a string", "\"7,8\"");
    seatLists.put("an object", "{\"7\":true}");
    seatLists.put("null", "null");
    for (Map.Entry<String, String> list : seatLists.entrySet()) {
      bodies.put("seatNos " + list.getKey(), "{\"concertId\":\"" + CONCERT + "\",\"scheduleId\":\"" + date + "\",\"seatNos\":"
          + list.getValue() + "}");
    }
    bodies.put("seatNos and seatNo", "{\"concertId\":\"" + CONCERT + "\",\"scheduleId\":\"" + date
        + "\",\"seatNos\":[7],\"seatNo\":7}");
    bodies.put("field names in another case", "{\"ConcertId\":\"" + CONCERT + "\",\"ScheduleId\":\"" + date + "\",\"SeatNo\":7}");
    return bodies;
  }

  private Map<String, String> paymentBodies() {
    Map<String, String> bodies = structural("{\"reservationId\":\"" + fixture.aliceReservation() + "\"}");
    for (Map.Entry<String, String> value : badIdValues().entrySet()) {
      bodies.put("reservationId " + value.getKey(), "{\"reservationId\":" + value.getValue() + "}");
    }
    bodies.put("no reservationId", "{}");
    for (String field : List.of("amount", "userId", "price", "paymentId")) {
      bodies.put("unknown field " + field, "{\"reservationId\":\"" + fixture.aliceReservation() + "\",\"" + field + "\":1}");
    }
    bodies.put("a duplicate reservationId", "{\"reservationId\":\"" + fixture.aliceReservation() + "\",\"reservationId\":\""
        + fixture.bobReservation() + "\"}");
    return bodies;
  }

  private Map<String, String> chargeBodies() {
    Map<String, String> bodies = structural("{\"amount\":1000}");
    for (Map.Entry<String, String> value : badIntegers(List.of("0", "-1", "1000001", TWO_TO_THE_63, "-" + TWO_TO_THE_63,
        "100000000000")).entrySet()) {
      bodies.put("amount " + value.getKey(), "{\"amount\":" + value.getValue() + "}");
    }
    bodies.put("no amount", "{}");
    for (String field : List.of("userId", "balance", "currency")) {
      bodies.put("unknown field " + field, "{\"amount\":1000,\"" + field + "\":\"x\"}");
    }
    bodies.put("a duplicate amount", "{\"amount\":1000,\"amount\":2000}");
    return bodies;
  }

  /** Faults of the JSON itself, for a valid body {@code valid}. */
  private static Map<String, String> structural(String valid) {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("an empty body", "");
    bodies.put("whitespace", "  \n\t ");
    bodies.put("not JSON", "not json");
    bodies.put("truncated after the brace", "{");
    bodies.put("truncated in the middle", valid.substring(0, valid.length() / 2));
    bodies.put("truncated before the brace", valid.substring(0, valid.length() - 1));
    bodies.put("an array", "[" + valid + "]");
    bodies.put("null", "null");
    bodies.put("a number", "42");
    bodies.put("a string", "\"" + valid.replace("\"", "\\\"") + "\"");
    bodies.put("true", "true");
    bodies.put("an empty object", "{}");
    bodies.put("trailing garbage", valid + "x");
    bodies.put("two objects", valid + valid);
    bodies.put("single quotes", valid.replace('"', '\''));
    bodies.put("a comment", "/* c */" + valid);
    bodies.put("unquoted names", valid.replaceAll("\"(\\w+)\":", "$1:"));
    bodies.put("a trailing comma", valid.substring(0, valid.length() - 1) + ",}");
    bodies.put("a NUL byte", valid.substring(0, 1) + "\u0000" + valid.substring(1));
    bodies.put("nested 5,000 deep", "[".repeat(5_000) + "]".repeat(5_000));
    bodies.put("a number of 10,000 digits", "{\"x\":" + "9".repeat(10_000) + "}");
    bodies.put("a byte-order mark", "\uFEFF" + valid);
    bodies.put("a lone surrogate", valid.substring(0, valid.length() - 1) + ",\"x\":\"\\ud800\"}");
    return bodies;
  }

  /** JSON values that are not a valid id: wrong types, and strings of the wrong shape. */
  private static Map<String, String> badIdValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("a number", "5");
    values.put("true", "true");
    values.put("null", "null");
    values.put("an array", "[\"winter-gala\"]");
    values.put("an object", "{\"id\":\"winter-gala\"}");
    for (Map.Entry<String, String> id : badIds().entrySet()) {
      values.put(id.getKey(), "\"" + id.getValue().replace("\\", "\\\\") + "\"");
    }
    values.put("empty", "\"\"");
    values.put("with an escaped NUL", "\"a\\u0000b\"");
    return values;
  }

  /** Tokens that are not alice's live token, though some look like it. */
  private static Map<String, String> badTokens(String alice) {
    String secret = alice.substring(alice.lastIndexOf('.') + 1);
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("empty", "");
    tokens.put("garbage", "garbage");
    tokens.put("the secret alone", secret);
    tokens.put("the concert alone", CONCERT + ".");
    tokens.put("with another concert's name", OTHER_CONCERT + "." + secret);
    tokens.put("unknown", CONCERT + "." + "A".repeat(32));
    tokens.put("with a character added", alice + "x");
    tokens.put("cut short", alice.substring(0, alice.length() - 1));
    tokens.put("in another case", alice.toLowerCase().equals(alice) ? alice.toUpperCase() : alice.toLowerCase());
    tokens.put("with a space", CONCERT + ". " + secret.substring(1));
    tokens.put("as a bearer token", "Bearer " + alice);
    tokens.put("with unicode", CONCERT + "." + "토큰".repeat(16));
    tokens.put("of 10,000 characters", TEN_THOUSAND);
    return tokens;
  }

  /**
   * Strings that are no user id (1-255 printable ASCII characters without spaces), fit for a
   * header value. '#', '|', ':', '/', ',' and the like are valid: RealUserIdsHttpTest uses them.
   */
  private static Map<String, String> badUserIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("with unicode", "사용자");
    ids.put("with an emoji", "user-\uD83C\uDFAB");
    ids.put("with a space", "a b");
    ids.put("with a tab", "a\tb");
    ids.put("of 256 characters", "u".repeat(256));
    ids.put("of 10,000 characters", TEN_THOUSAND);
    return ids;
  }

  /** Strings that are not of the id shape (1-64 of [A-Za-z0-9._-]), fit for a header value or a JSON string. */
  private static Map<String, String> badIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("with unicode", "사용자");
    ids.put("with an emoji", "user-\uD83C\uDFAB");
    ids.put("with a space", "a b");
    ids.put("with a slash", "a/b");
    ids.put("with a dot-dot slash", "../admin");
    ids.put("of 65 characters", "a".repeat(65));
    ids.put("of 10,000 characters", TEN_THOUSAND);
    ids.put("with a comma", "alice,bob");
    ids.put("with a hash", "alice#BALANCE");
    ids.put("with a backslash", "a\\b");
    return ids;
  }

  /** JSON values that are not an integer in range: {@code outOfRange} are integers past the limits. */
  private static Map<String, String> badIntegers(List<String> outOfRange) {
    Map<String, String> values = new LinkedHashMap<>();
    outOfRange.forEach(n -> values.put(abbreviate(n), n));
    values.put("1.5", "1.5");
    values.put("7.0", "7.0");
    values.put("1e1", "1e1");
    values.put("-0.0", "-0.0");
    values.put("NaN", "NaN");
    values.put("Infinity", "Infinity");
    values.put("a string", "\"7\"");
    values.put("true", "true");
    values.put("null", "null");
    values.put("an array", "[7]");
    values.put("an object", "{\"n\":7}");
    values.put("hexadecimal", "0x7");
    values.put("a leading zero", "07");
    values.put("10,000 digits", "9".repeat(10_000));
    return values;
  }

  private static String hold(String concertId, String scheduleId, int seatNo) {
    return Journey.reserveBody(concertId, scheduleId, seatNo);
  }

  private static String cursor(String decoded) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
  }

  private static String tamperedVersion(String real) {
    String decoded = new String(Base64.getUrlDecoder().decode(real), StandardCharsets.UTF_8);
    return cursor("v0:" + decoded.substring(3));
  }

  /** The longest length under {@code length} that no base64 text can have (1 modulo 4). */
  private static int cutToInvalidLength(int length) {
    int cut = length - 1;
    while (cut % 4 != 1) {
      cut--;
    }
    return cut;
  }

  private static String abbreviate(String value) {
    return value.length() > 24 ? value.substring(0, 8) + "...(" + value.length() + " chars)" : value;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private void add(Endpoint endpoint, String group, String name, RawHttp.Request request, int status, String code) {
    cases.add(new Case(endpoint.name(), group, name, request, status, code));
  }

  /** One route with a valid request of a set-up user, to change one thing of. */
  private record Endpoint(String name, String method, String path, String user, String token, String body) {
    RawHttp.Request request() {
      Map<String, String> headers = new LinkedHashMap<>();
      if (user != null) {
        headers.put("X-User-Id", user);
      }
      if (token != null) {
        headers.put("X-Queue-Token", token);
      }
      return RawHttp.Request.of(method, path, headers, body);
    }

    RawHttp.Request without(String header) {
      RawHttp.Request valid = request();
      return new RawHttp.Request(method, path, valid.headers().stream().filter(h -> !h.name().equals(header)).toList(),
          valid.body());
    }

    RawHttp.Request replacing(String header, String value) {
      return without(header).with(header, value);
    }

    RawHttp.Request as(String otherUser, String otherToken) {
      return RawHttp.Request.of(method, path, Map.of("X-User-Id", otherUser, "X-Queue-Token", otherToken), body);
    }

    RawHttp.Request at(String otherPath) {
      RawHttp.Request valid = request();
      return new RawHttp.Request(method, otherPath, valid.headers(), valid.body());
    }

    RawHttp.Request withBody(String otherBody) {
      RawHttp.Request valid = request();
      return new RawHttp.Request(method, path, valid.headers(), otherBody.getBytes(StandardCharsets.UTF_8));
    }
  }
}
