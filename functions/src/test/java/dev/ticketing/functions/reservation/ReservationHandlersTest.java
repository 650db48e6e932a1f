package dev.ticketing.functions.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.catalog.ListBookableDatesHandler;
import dev.ticketing.functions.catalog.ShowSeatMapHandler;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The five handlers' JSON, their 4xx problems, and their sample events. */
@ExtendWith(DynamoDbExtension.class)
class ReservationHandlersTest {
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MutableClock clock = new MutableClock(T0);

  private TestComponent app(TestTable table) {
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_MAX_ACTIVE", "50"));
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    return app;
  }

  private static JsonNode body(ApiGatewayResponse response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static ApiGatewayResponse reserve(HttpFunction handler, String user, String token, String json) {
    return handler.respond(ApiGatewayEvents.request("POST", "/reservations").user(user).header("x-queue-token", token).body(json).build());
  }

  private static long reservationItems(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name())).items().stream()
        .filter(item -> item.get("pk").s().startsWith("RESERVATION#")).count();
  }

  @Test
  void a_hold_and_its_reservation_have_the_documented_shape(TestTable table) throws Exception {
    TestComponent app = app(table);
    Map<String, String> tokens = Admitted.users(app, SmallCatalog.CONCERT, java.util.List.of("alice", "bob"), 2);
    String request = "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNos\":[8,7]}";

    ApiGatewayResponse created = reserve(new ReserveSeatHandler(app), "alice", tokens.get("alice"), request);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode reservation = body(created);
    assertThat(reservation.fieldNames()).toIterable()
        .containsExactly("reservationId", "concertId", "scheduleId", "seatNos", "seats", "price", "status", "holdExpiresAt");
    assertThat(reservation.get("seatNos").toString()).isEqualTo("[7,8]");
    assertThat(reservation.get("seats").toString()).isEqualTo("[{\"seatNo\":7,\"price\":150000},{\"seatNo\":8,\"price\":150000}]");
    assertThat(reservation.get("price").asLong()).isEqualTo(300_000);
    assertThat(reservation.get("status").asText()).isEqualTo("HELD");
    assertThat(reservation.get("holdExpiresAt").asText()).isEqualTo("2026-11-25T00:05:00Z");

    ApiGatewayResponse again = reserve(new ReserveSeatHandler(app), "alice", tokens.get("alice"), request);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(body(again)).isEqualTo(reservation);
    ApiGatewayResponse taken = reserve(new ReserveSeatHandler(app), "bob", tokens.get("bob"), request);
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.headers()).containsEntry("content-type", "application/problem+json");
    assertThat(body(taken).get("code").asText()).isEqualTo("SEAT_UNAVAILABLE");
    assertThat(body(taken).get("detail").asText()).isEqualTo("seats 7, 8 are held or sold");
    assertThat(body(taken).get("seatNos").toString()).isEqualTo("[7,8]");

    ShowReservationHandler show = new ShowReservationHandler(app);
    String id = reservation.get("reservationId").asText();
    ApiGatewayResponse own = show.respond(ApiGatewayEvents.request("GET", "/reservations/{reservationId}").user("alice")
        .path("reservationId", id).build());
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(body(own)).isEqualTo(reservation);
    ApiGatewayResponse foreign = show.respond(ApiGatewayEvents.request("GET", "/reservations/{reservationId}").user("bob")
        .path("reservationId", id).build());
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(body(foreign).get("code").asText()).isEqualTo("RESERVATION_NOT_FOUND");
    ApiGatewayResponse badId = show.respond(ApiGatewayEvents.request("GET", "/reservations/{reservationId}").user("alice")
        .path("reservationId", "a%2Fb").build());
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(body(badId).get("detail").asText()).startsWith("reservationId:");
    ApiGatewayResponse anonymous = show.respond(ApiGatewayEvents.request("GET", "/reservations/{reservationId}")
        .path("reservationId", id).build());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    ReleaseReservationHandler giveUp = new ReleaseReservationHandler(app);
    ApiGatewayResponse notBobs = giveUp.respond(ApiGatewayEvents.request("DELETE", "/reservations/{reservationId}").user("bob")
        .path("reservationId", id).build());
    assertThat(notBobs.statusCode()).isEqualTo(404);
    assertThat(body(notBobs).get("code").asText()).isEqualTo("RESERVATION_NOT_FOUND");
    for (int repeat = 0; repeat < 2; repeat++) {
      ApiGatewayResponse given = giveUp.respond(ApiGatewayEvents.request("DELETE", "/reservations/{reservationId}").user("alice")
          .path("reservationId", id).build());
      assertThat(given.statusCode()).isEqualTo(204);
      assertThat(given.body()).isEmpty();
    }
    ApiGatewayResponse released = show.respond(ApiGatewayEvents.request("GET", "/reservations/{reservationId}").user("alice")
        .path("reservationId", id).build());
    assertThat(body(released).get("status").asText()).isEqualTo("RELEASED");
  }

  @Test
  void dates_and_seat_map_have_the_documented_shape(TestTable table) throws Exception {
    TestComponent app = app(table);
    String token = Admitted.user(app, SmallCatalog.CONCERT, "alice");

    ApiGatewayResponse dates = new ListBookableDatesHandler(app).respond(ApiGatewayEvents.request("GET", "/concerts/{concertId}/schedules")
        .user("alice").header("x-queue-token", token).path("concertId", "c-1").build());
    assertThat(dates.statusCode()).isEqualTo(200);
    JsonNode list = body(dates);
    assertThat(list.fieldNames()).toIterable().containsExactly("concertId", "schedules");
    assertThat(list.get("schedules")).hasSize(3);
    JsonNode first = list.get("schedules").get(0);
    assertThat(first.fieldNames()).toIterable().containsExactly("scheduleId", "date", "startsAt", "totalSeats", "availableSeats");
    assertThat(first.get("scheduleId").asText()).isEqualTo("c-1-soon");
    assertThat(first.get("date").asText()).isEqualTo("2026-11-26");
    assertThat(first.get("startsAt").asText()).isEqualTo("2026-11-26T00:00:00Z");
    assertThat(first.get("availableSeats").asInt()).isEqualTo(50);

    ApiGatewayResponse seats = new ShowSeatMapHandler(app).respond(ApiGatewayEvents.request("GET",
        "/concerts/{concertId}/schedules/{scheduleId}/seats").user("alice").header("x-queue-token", token)
        .path("concertId", "c-1").path("scheduleId", "c-1-soon").build());
    assertThat(seats.statusCode()).isEqualTo(200);
    JsonNode map = body(seats);
    assertThat(map.fieldNames()).toIterable().containsExactly("scheduleId", "seats");
    assertThat(map.get("seats")).hasSize(50);
    assertThat(map.get("seats").get(0).fieldNames()).toIterable().containsExactly("seatNo", "status", "price");
    assertThat(map.at("/seats/49/seatNo").asInt()).isEqualTo(50);
    assertThat(map.at("/seats/49/status").asText()).isEqualTo("AVAILABLE");

    ApiGatewayResponse unknown = new ShowSeatMapHandler(app).respond(ApiGatewayEvents.request("GET",
        "/concerts/{concertId}/schedules/{scheduleId}/seats").user("alice").header("x-queue-token", token)
        .path("concertId", "c-1").path("scheduleId", "nope").build());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(body(unknown).get("code").asText()).isEqualTo("SCHEDULE_NOT_FOUND");
    ApiGatewayResponse badPath = new ShowSeatMapHandler(app).respond(ApiGatewayEvents.request("GET",
        "/concerts/{concertId}/schedules/{scheduleId}/seats").user("alice").header("x-queue-token", token)
        .path("concertId", "c-1").path("scheduleId", "x".repeat(65)).build());
    assertThat(badPath.statusCode()).isEqualTo(400);
    assertThat(body(badPath).get("detail").asText()).startsWith("scheduleId:");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNo\":0}          | seatNo",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNo\":51}         | seatNo",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNo\":-1}         | seatNo",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNo\":\"7\"}      | seatNo",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNo\":7.5}        | seatNo",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNo\":99999999999} | seatNo",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\"}                       | seatNos",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNos\":[]}       | seatNos",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNos\":[7,7]}    | seatNos",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNos\":[7,51]}   | seatNos",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNos\":[1,2,3,4,5]} | seatNos",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNos\":[7,null]} | seatNos",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNos\":7}       | seatNos",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNos\":[\"7\"]}   | seatNos[0]",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNos\":[7],\"seatNo\":7} | seatNo",
      "{\"concertId\":\"c 1\",\"scheduleId\":\"c-1-soon\",\"seatNo\":7}          | concertId",
      "{\"scheduleId\":\"c-1-soon\",\"seatNo\":7}                                | concertId",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"SCHEDULE#x\",\"seatNo\":7}        | scheduleId",
      "{\"concertId\":\"c-1\",\"scheduleId\":7,\"seatNo\":7}                     | scheduleId",
      "{\"concertId\":\"c-1\",\"scheduleId\":\"c-1-soon\",\"seatNo\":7,\"price\":1} | price",
      "{\"concertId\":\"c-1\"                                                    | body",
  })
  void bad_bodies_are_a_400_naming_the_field_and_change_nothing(String json, String field, TestTable table) throws Exception {
    TestComponent app = app(table);
    String token = Admitted.user(app, SmallCatalog.CONCERT, "alice");
    ApiGatewayResponse response = reserve(new ReserveSeatHandler(app), "alice", token, json);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(body(response).get("detail").asText()).startsWith(field + ":");
    assertThat(reservationItems(table)).isZero();
  }

  @Test
  void the_sample_events_reach_their_handlers(TestTable table) throws Exception {
    TestComponent app = app(table);
    Map<String, HttpFunction> handlers = Map.of(
        "list-bookable-dates.json", new ListBookableDatesHandler(app),
        "show-seat-map.json", new ShowSeatMapHandler(app),
        "reserve-seat.json", new ReserveSeatHandler(app),
        "show-reservation.json", new ShowReservationHandler(app),
        "release-reservation.json", new ReleaseReservationHandler(app));
    Map<String, String> expectedCodes = Map.of(
        "list-bookable-dates.json", "TOKEN_INVALID",
        "show-seat-map.json", "TOKEN_INVALID",
        "reserve-seat.json", "TOKEN_INVALID",
        "show-reservation.json", "RESERVATION_NOT_FOUND",
        "release-reservation.json", "RESERVATION_NOT_FOUND");
    for (Map.Entry<String, HttpFunction> entry : handlers.entrySet()) {
      byte[] event = Files.readAllBytes(ProjectFiles.findUpwards(Path.of("events", entry.getKey())).orElseThrow());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      entry.getValue().handleRequest(new ByteArrayInputStream(event), out, null);
      JsonNode response = JSON.readTree(out.toByteArray());
      // The samples carry a token and a reservation this table has never seen.
      assertThat(JSON.readTree(response.get("body").asText()).get("code").asText()).as(entry.getKey())
          .isEqualTo(expectedCodes.get(entry.getKey()));
    }
    assertThat(reservationItems(table)).isZero();
  }
}
