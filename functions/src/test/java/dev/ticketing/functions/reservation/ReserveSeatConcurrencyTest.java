package dev.ticketing.functions.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.payment.PayHandler;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.invariants.Ledger;
import dev.ticketing.reservation.dynamo.ReservationTables;
import dev.ticketing.storage.Items;
import dev.ticketing.testing.Admitted;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
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
 * Many holds at once, through the handlers as Lambda runs them, on real threads against the
 * embedded engine: many users for one seat, one user for many seats, overlapping orders, and a
 * hold given up while it is paid. The invariants are checked on the table afterwards.
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

  private static List<Integer> seatNosOf(Map<String, AttributeValue> reservation) {
    return reservation.get("seats").l().stream().map(seat -> Integer.parseInt(seat.m().get("seatNo").n())).toList();
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
    TestComponent app = TestApp.on(table, clock, ENV);
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
    assertThat(seatNosOf(reservations.get(0))).containsExactly(7);
    assertThat(Items.string(reservations.get(0), "status")).isEqualTo("HELD");
  }

  @Test
  void of_200_users_trying_random_seats_at_once_each_seat_goes_to_at_most_one(TestTable table) throws Exception {
    TestComponent app = TestApp.on(table, clock, ENV);
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
      assertThat(seatNosOf(reservation)).containsExactly((int) Items.number(seat, "seatNo"));
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

  private static ApiGatewayResponse order(ReserveSeatHandler handler, String userId, String token, String scheduleId,
      List<Integer> seatNos) {
    return handler.respond(ApiGatewayEvents.request("POST", "/reservations").user(userId).header("x-queue-token", token)
        .body("{\"concertId\":\"" + SmallCatalog.CONCERT + "\",\"scheduleId\":\"" + scheduleId + "\",\"seatNos\":"
            + seatNos + "}")
        .build());
  }

  @Test
  void one_user_firing_64_holds_of_different_seats_at_once_holds_no_more_than_the_limit(TestTable table) throws Exception {
    TestComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    String token = Admitted.user(app, SmallCatalog.CONCERT, "scalper");
    ReserveSeatHandler handler = new ReserveSeatHandler(app);

    List<ApiGatewayResponse> responses = runAll(64, IntStream.range(0, 64)
        .<java.util.concurrent.Callable<ApiGatewayResponse>>mapToObj(i -> () -> order(handler, "scalper", token,
            i < 50 ? SmallCatalog.SOON : SmallCatalog.LATER, List.of(1 + i % 50)))
        .toList());

    Map<Integer, Long> byStatus = responses.stream().collect(Collectors.groupingBy(ApiGatewayResponse::statusCode, Collectors.counting()));
    assertThat(byStatus).isEqualTo(Map.of(201, 4L, 409, 60L));
    for (ApiGatewayResponse refused : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
      assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("TICKET_LIMIT");
    }
    long held = java.util.stream.Stream.of(SmallCatalog.SOON, SmallCatalog.LATER)
        .flatMap(date -> IntStream.rangeClosed(1, 50).mapToObj(seatNo -> ReservationTables.seat(table, SmallCatalog.CONCERT, date, seatNo)))
        .filter(seat -> "HELD".equals(Items.string(seat, "status"))).count();
    assertThat(held).isEqualTo(4);
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
  }

  @Test
  void users_racing_for_overlapping_orders_never_end_up_with_part_of_one(TestTable table) throws Exception {
    TestComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    List<String> users = IntStream.range(0, 60).mapToObj(i -> "fan-" + i).toList();
    Map<String, String> tokens = Admitted.users(app, SmallCatalog.CONCERT, users, 16);
    ReserveSeatHandler handler = new ReserveSeatHandler(app);
    Random random = new Random(14);
    Map<String, List<Integer>> wanted = new HashMap<>();
    // Orders of 2-4 neighbouring seats among the first 20, so most overlap several others.
    users.forEach(user -> {
      int first = 1 + random.nextInt(18);
      wanted.put(user, IntStream.range(first, Math.min(21, first + 2 + random.nextInt(3))).boxed().toList());
    });

    List<ApiGatewayResponse> responses = runAll(32, users.stream()
        .<java.util.concurrent.Callable<ApiGatewayResponse>>map(user -> () -> order(handler, user, tokens.get(user),
            SmallCatalog.SOON, wanted.get(user)))
        .toList());

    Map<Integer, String> holderOfSeat = new HashMap<>();
    for (int i = 0; i < users.size(); i++) {
      ApiGatewayResponse response = responses.get(i);
      JsonNode body = JSON.readTree(response.body());
      assertThat(response.statusCode()).as(users.get(i)).isIn(201, 409);
      if (response.statusCode() == 201) {
        for (int seatNo : wanted.get(users.get(i))) {
          assertThat(holderOfSeat.put(seatNo, users.get(i))).as("seat %d held twice", seatNo).isNull();
          Map<String, AttributeValue> seat = ReservationTables.seat(table, SmallCatalog.CONCERT, SmallCatalog.SOON, seatNo);
          assertThat(Items.string(seat, "reservationId")).isEqualTo(body.get("reservationId").asText());
        }
      } else {
        assertThat(body.get("code").asText()).isEqualTo("SEAT_UNAVAILABLE");
        assertThat(body.get("seatNos")).as("the seats named as taken").isNotEmpty();
      }
    }
    // A refusal names seats that really were taken, by someone else's whole order.
    for (int i = 0; i < users.size(); i++) {
      if (responses.get(i).statusCode() == 409) {
        for (JsonNode taken : JSON.readTree(responses.get(i).body()).get("seatNos")) {
          assertThat(holderOfSeat).as("%s was refused seat %s", users.get(i), taken).containsKey(taken.asInt());
          assertThat(wanted.get(users.get(i))).contains(taken.asInt());
        }
      }
    }
    long heldSeats = IntStream.rangeClosed(1, 50)
        .mapToObj(seatNo -> ReservationTables.seat(table, SmallCatalog.CONCERT, SmallCatalog.SOON, seatNo))
        .filter(seat -> "HELD".equals(Items.string(seat, "status"))).count();
    assertThat(heldSeats).isEqualTo(holderOfSeat.size());
    assertThat(reservations(table)).hasSize((int) responses.stream().filter(r -> r.statusCode() == 201).count());
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
    System.out.printf("60 overlapping orders at once: %d held (%d seats), %d refused%n",
        responses.stream().filter(r -> r.statusCode() == 201).count(), heldSeats,
        responses.stream().filter(r -> r.statusCode() == 409).count());
  }

  @Test
  void a_hold_given_up_while_it_is_paid_ends_paid_or_free_never_both(TestTable table) throws Exception {
    TestComponent app = TestApp.on(table, clock, ENV);
    app.catalogSeeder().seed(SmallCatalog.around(T0));
    List<String> users = IntStream.range(0, 20).mapToObj(i -> "buyer-" + i).toList();
    Map<String, String> tokens = Admitted.users(app, SmallCatalog.CONCERT, users, 8);
    ReserveSeatHandler holds = new ReserveSeatHandler(app);
    PayHandler pay = new PayHandler(app);
    ReleaseReservationHandler giveUp = new ReleaseReservationHandler(app);
    int paid = 0;
    for (int r = 0; r < users.size(); r++) {
      int round = r;
      String user = users.get(round);
      app.chargeBalance().charge(user, IdempotencyKey.ofRequest("top-up"), new ChargeRequest(500_000L));
      List<Integer> seats = List.of(11 + 2 * round, 12 + 2 * round);
      String id = JSON.readTree(order(holds, user, tokens.get(user), SmallCatalog.LATER, seats).body()).get("reservationId").asText();

      List<ApiGatewayResponse> both = runAll(2, List.of(
          () -> pay.respond(ApiGatewayEvents.request("POST", "/payments").user(user).header("x-queue-token", tokens.get(user))
              .body("{\"reservationId\":\"" + id + "\"}").build()),
          () -> {
            // The payment reads twice before its transaction, the release once: a delay that grows
            // over the rounds lets either reach the reservation first.
            Thread.sleep(round % 10 * 3L);
            return giveUp.respond(ApiGatewayEvents.request("DELETE", "/reservations/{reservationId}").user(user)
                .path("reservationId", id).build());
          }));

      int payment = both.get(0).statusCode();
      int release = both.get(1).statusCode();
      String status = Items.string(ReservationTables.reservation(table, id), "status");
      if (payment == 201) {
        paid++;
        assertThat(release).as("round %d: given up after it was paid", round).isEqualTo(409);
        assertThat(JSON.readTree(both.get(1).body()).get("code").asText()).isEqualTo("ALREADY_PAID");
        assertThat(status).isEqualTo("CONFIRMED");
      } else {
        assertThat(payment).as("round %d: the payment", round).isEqualTo(409);
        assertThat(JSON.readTree(both.get(0).body()).get("code").asText()).isEqualTo("HOLD_EXPIRED");
        assertThat(release).as("round %d: the release", round).isEqualTo(204);
        assertThat(status).isEqualTo("RELEASED");
      }
      for (int seatNo : seats) {
        assertThat(Items.string(ReservationTables.seat(table, SmallCatalog.CONCERT, SmallCatalog.LATER, seatNo), "status"))
            .as("round %d, seat %d", round, seatNo).isEqualTo(payment == 201 ? "SOLD" : "AVAILABLE");
      }
      assertThat(app.getBalance().of(user).balance()).isEqualTo(payment == 201 ? 500_000 - 2 * SmallCatalog.PRICE : 500_000);
    }
    assertThat(Ledger.violations(table, clock.instant())).isEmpty();
    System.out.printf("give-up vs payment: %d of %d rounds paid, %d given up%n", paid, users.size(), users.size() - paid);
    // Both sides must have won sometimes, or the two did not really race.
    assertThat(paid).isBetween(1, users.size() - 1);
  }
}
