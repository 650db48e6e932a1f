package dev.ticketing.functions.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.wiring.AppComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Many users holding seats at once, through the handler as Lambda runs it, on real threads
 * against the embedded engine; the invariants are checked on the table afterwards.
 */
@ExtendWith(DynamoDbExtension.class)
class ReserveSeatConcurrencyTest {
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private static final Map<String, String> ENV = Map.of("QUEUE_MAX_ACTIVE", "2000");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = new MutableClock(T0);

  record Attempt(String userId, int seatNo, int status, JsonNode body) {}

  private static Attempt hold(ReserveSeatHandler handler, String userId, String token, int seatNo) throws Exception {
    ApiGatewayResponse response = handler.respond(ApiGatewayEvents.request("POST", "/reservations").user(userId)
        .header("x-queue-token", token)
        .body("{\"concertId\":\"" + SmallCatalog.CONCERT + "\",\"scheduleId\":\"" + SmallCatalog.SOON + "\",\"seatNo\":" + seatNo + "}")
        .build());
    return new Attempt(userId, seatNo, response.statusCode(), JSON.readTree(response.body()));
  }

  private static List<Map<String, AttributeValue>> seats(TestTable table) {
    return IntStream.rangeClosed(1, 50)
        .mapToObj(seatNo -> ReservationTables.seat(table, SmallCatalog.CONCERT, SmallCatalog.SOON, seatNo))
        .toList();
  }

  private static List<Map<String, AttributeValue>> reservations(TestTable table) {
    return table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true)).items().stream()
        .filter(item -> Items.string(item, "pk").startsWith("RESERVATION#")).toList();
  }

  private static <T> List<T> runAll(int threads, List<java.util.concurrent.Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (java.util.concurrent.Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void of_1000_users_holding_one_seat_at_once_exactly_one_gets_it(TestTable table) throws Exception {
    AppComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    List<String> users = IntStream.range(0, 1000).mapToObj(i -> "user-" + i).toList();
    Map<String, String> tokens = Admitted.users(app, SmallCatalog.CONCERT, users, 32);
    ReserveSeatHandler handler = new ReserveSeatHandler(app);

    List<Attempt> attempts = runAll(64, users.stream()
        .<java.util.concurrent.Callable<Attempt>>map(user -> () -> hold(handler, user, tokens.get(user), 7)).toList());

    Map<Integer, Long> byStatus = attempts.stream().collect(Collectors.groupingBy(Attempt::status, Collectors.counting()));
    assertThat(byStatus).isEqualTo(Map.of(201, 1L, 409, 999L));
    assertThat(attempts.stream().filter(a -> a.status() == 409)).allSatisfy(a ->
        assertThat(a.body().get("code").asText()).isEqualTo("SEAT_UNAVAILABLE"));
    Attempt winner = attempts.stream().filter(a -> a.status() == 201).findFirst().orElseThrow();
    String reservationId = winner.body().get("reservationId").asText();

    Map<String, AttributeValue> seat = seats(table).get(6);
    assertThat(Items.number(seat, "seatNo")).isEqualTo(7);
    assertThat(Items.string(seat, "status")).isEqualTo("HELD");
    assertThat(Items.string(seat, "holdUserId")).isEqualTo(winner.userId());
    assertThat(Items.string(seat, "reservationId")).isEqualTo(reservationId);
    List<Map<String, AttributeValue>> reservations = reservations(table);
    assertThat(reservations).hasSize(1);
    assertThat(Items.string(reservations.get(0), "reservationId")).isEqualTo(reservationId);
    assertThat(Items.string(reservations.get(0), "userId")).isEqualTo(winner.userId());
    assertThat(Items.number(reservations.get(0), "seatNo")).isEqualTo(7);
    assertThat(Items.string(reservations.get(0), "status")).isEqualTo("HELD");
  }

  @Test
  void of_200_users_trying_random_seats_at_once_each_seat_goes_to_at_most_one(TestTable table) throws Exception {
    AppComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    List<String> users = IntStream.range(0, 200).mapToObj(i -> "fan-" + i).toList();
    Map<String, String> tokens = Admitted.users(app, SmallCatalog.CONCERT, users, 32);
    ReserveSeatHandler handler = new ReserveSeatHandler(app);

    // Each user tries three seats, one after another, all users at once.
    List<List<Attempt>> perUser = runAll(32, IntStream.range(0, users.size())
        .<java.util.concurrent.Callable<List<Attempt>>>mapToObj(i -> () -> {
          Random random = new Random(i);
          List<Attempt> mine = new ArrayList<>();
          for (int n = 0; n < 3; n++) {
            mine.add(hold(handler, users.get(i), tokens.get(users.get(i)), 1 + random.nextInt(50)));
          }
          return mine;
        }).toList());
    List<Attempt> attempts = perUser.stream().flatMap(List::stream).toList();

    assertThat(attempts).extracting(Attempt::status).allMatch(status -> status == 201 || status == 200 || status == 409);
    Map<Integer, List<Attempt>> createdBySeat = attempts.stream().filter(a -> a.status() == 201)
        .collect(Collectors.groupingBy(Attempt::seatNo));
    assertThat(createdBySeat.values()).as("a seat held by two users").allSatisfy(list -> assertThat(list).hasSize(1));

    List<Map<String, AttributeValue>> held = seats(table).stream()
        .filter(seat -> "HELD".equals(Items.string(seat, "status"))).toList();
    long created = attempts.stream().filter(a -> a.status() == 201).count();
    assertThat(held).hasSize((int) created);
    Map<String, Map<String, AttributeValue>> reservationsById = new HashMap<>();
    reservations(table).forEach(r -> reservationsById.put(Items.string(r, "reservationId"), r));
    assertThat(reservationsById).hasSize((int) created);
    for (Map<String, AttributeValue> seat : held) {
      Attempt winner = createdBySeat.get((int) Items.number(seat, "seatNo")).get(0);
      assertThat(Items.string(seat, "holdUserId")).isEqualTo(winner.userId());
      assertThat(Items.string(seat, "reservationId")).isEqualTo(winner.body().get("reservationId").asText());
      Map<String, AttributeValue> reservation = reservationsById.get(Items.string(seat, "reservationId"));
      assertThat(Items.string(reservation, "userId")).isEqualTo(winner.userId());
      assertThat(Items.number(reservation, "seatNo")).isEqualTo(Items.number(seat, "seatNo"));
    }
    // A 200 is only ever a user's own earlier hold of that seat.
    attempts.stream().filter(a -> a.status() == 200).forEach(a -> {
      Attempt own = createdBySeat.get(a.seatNo()).get(0);
      assertThat(own.userId()).isEqualTo(a.userId());
      assertThat(a.body().get("reservationId")).isEqualTo(own.body().get("reservationId"));
    });
    System.out.printf("200 users x 3 random seats: %d held, %d retries of own holds, %d refused%n",
        created, attempts.stream().filter(a -> a.status() == 200).count(), attempts.stream().filter(a -> a.status() == 409).count());
  }
}
