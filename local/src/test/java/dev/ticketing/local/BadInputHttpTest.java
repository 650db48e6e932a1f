package dev.ticketing.local;

import static dev.ticketing.local.BadInputTable.CONCERT;
import static dev.ticketing.local.BadInputTable.OTHER_CONCERT;
import static dev.ticketing.local.Journey.as;
import static dev.ticketing.local.Journey.awaitActive;
import static dev.ticketing.local.Journey.charge;
import static dev.ticketing.local.Journey.firstDate;
import static dev.ticketing.local.Journey.hold;
import static dev.ticketing.local.Journey.join;
import static dev.ticketing.local.Journey.pay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TableSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invariant 5 over a real socket: every case of {@link BadInputTable} gets the 4xx problem+json it
 * names and no 5xx, and the table holds exactly the same items before and after (the whole table
 * is scanned). Users, tokens, holds and payments are set up first, every token has passed the gate
 * once (its first-use write is done), and the snapshot is taken only once a round has
 * nothing left to change, so any write a refused request makes shows as a difference. The
 * runtime's log and every error body must hold no token, no exception name and no stack frame.
 * The quick spread runs by default; the whole table is tagged {@code long} ({@code mvn -B verify -Plong}).
 */
@ExtendWith(DynamoDbExtension.class)
class BadInputHttpTest {
  private static final Map<String, String> ENVIRONMENT = Map.of("QUEUE_MAX_ACTIVE", "2", "ACTIVE_TTL_SECONDS", "900",
      "ADMISSION_GRACE_SECONDS", "900", "HOLD_TTL_SECONDS", "900");

  @Test
  void every_endpoint_refuses_a_spread_of_bad_input_and_changes_nothing(TestTable table) throws Exception {
    run(table, "quick", BadInputTable::quick);
  }

  @Test
  @Tag("long")
  void every_endpoint_refuses_the_whole_bad_input_table_and_changes_nothing(TestTable table) throws Exception {
    run(table, "full", BadInputTable::full);
  }

  private static void run(TestTable table, String size, Function<BadInputTable.Fixture, List<BadInputTable.Case>> cases)
      throws Exception {
    Instant started = Instant.now();
    List<String> failures = new ArrayList<>();
    Map<String, Integer> perEndpoint = new TreeMap<>();
    List<String> secrets;
    int tried;
    try (CapturedOutput log = CapturedOutput.quietly()) {
      MutableClock clock = MutableClock.fromSystem();
      try (LocalHttp http = LocalHttp.startOnClock(table, ENVIRONMENT, clock)) {
        Setup setup = setUp(http, clock);
        secrets = setup.secrets();
        TableSnapshot before = stableSnapshot(table, http, clock);
        List<BadInputTable.Case> table1 = cases.apply(setup.fixture());
        tried = table1.size();
        for (BadInputTable.Case bad : table1) {
          perEndpoint.merge(bad.endpoint(), 1, Integer::sum);
          failures.addAll(check(http, bad, secrets));
        }
        List<String> changes = TableSnapshot.of(table.client(), table.name()).differencesFrom(before);
        failures.addAll(changes.stream().map(change -> "the table changed: " + change).toList());
      }
      failures.addAll(LogRules.violations("the runtime's log", log.text(), secrets));
      log.original().printf("bad input (%s): %d requests over %d endpoints in %d s, %d failures%n  per endpoint: %s%n",
          size, tried, perEndpoint.size(), Duration.between(started, Instant.now()).toSeconds(), failures.size(), perEndpoint);
    }
    assertThat(tried).as("cases tried").isGreaterThan(size.equals("full") ? 800 : 150);
    assertThat(failures).as("bad input that was not refused cleanly, or left a trace").isEmpty();
  }

  private static List<String> check(LocalHttp http, BadInputTable.Case bad, List<String> secrets) {
    RawHttp.Response response;
    try {
      response = http.sendRaw(bad.request());
    } catch (AssertionError | Exception e) {
      return List.of(bad + ": " + e.getMessage());
    }
    List<String> failures = new ArrayList<>();
    if (response.status() >= 500) {
      failures.add(bad + ": a " + response.status() + " " + response.body());
    } else if (response.status() != bad.status()
        || !response.header("content-type").orElse("").equals("application/problem+json")
        || response.json() == null || !bad.code().equals(response.json().path("code").asText())) {
      failures.add(bad + ": expected " + bad.status() + " " + bad.code() + ", got " + response.status() + " "
          + response.header("content-type").orElse("(no content type)") + " " + abbreviate(response.body()));
    }
    failures.addAll(LogRules.violations(bad + " (error body)", response.body(), secrets));
    return failures;
  }

  private record Setup(BadInputTable.Fixture fixture, List<String> secrets) {}

  /** Users and records the cases refer to; every token used once at the gate. */
  private static Setup setUp(LocalHttp http, MutableClock clock) throws Exception {
    String alice = join(http, "alice", CONCERT);
    String bob = join(http, "bob", CONCERT);
    String xavier = join(http, "xavier", OTHER_CONCERT);
    String carol = join(http, "carol", OTHER_CONCERT);
    awaitActive(http, clock, "alice", alice);
    awaitActive(http, clock, "bob", bob);
    String walter = join(http, "walter", CONCERT);  // waits: QUEUE_MAX_ACTIVE is 2
    awaitActive(http, clock, "xavier", xavier);
    awaitActive(http, clock, "carol", carol);
    String date = firstDate(http, CONCERT, "alice", alice);
    firstDate(http, CONCERT, "bob", bob);
    firstDate(http, OTHER_CONCERT, "xavier", xavier);
    String carolsDate = firstDate(http, OTHER_CONCERT, "carol", carol);

    charge(http, "alice", "alice-topup", 300_000);
    charge(http, "carol", "carol-topup", 1_000_000);
    String aliceReservation = hold(http, "alice", alice, CONCERT, date, 5);
    String bobReservation = hold(http, "bob", bob, CONCERT, date, 6);

    // Two payments of carol's, so her history has a second page and a cursor to tamper with.
    String carolPaid = hold(http, "carol", carol, OTHER_CONCERT, carolsDate, 1);
    pay(http, "carol", carol, carolPaid);
    String carolAgain = Journey.joinAgain(http, clock, "carol", OTHER_CONCERT);
    awaitActive(http, clock, "carol", carolAgain);
    pay(http, "carol", carolAgain, hold(http, "carol", carolAgain, OTHER_CONCERT, carolsDate, 2));

    String paymentsCursor = http.get("/users/me/payments?limit=1", as("carol", null)).body().get("nextCursor").asText();
    String concertsCursor = http.get("/concerts?limit=1", Map.of()).body().get("nextCursor").asText();
    assertThat(paymentsCursor).isNotBlank();
    assertThat(concertsCursor).isNotBlank();
    BadInputTable.Fixture fixture = new BadInputTable.Fixture(alice, bob, walter, xavier, date, aliceReservation,
        bobReservation, carolPaid, paymentsCursor, concertsCursor);
    List<String> secrets = List.of(alice, bob, walter, xavier, carol, carolAgain).stream()
        .map(token -> token.substring(token.lastIndexOf('.') + 1)).toList();
    return new Setup(fixture, secrets);
  }

  /** Rounds before a test gives up on the table settling. */
  private static final int MAX_SETTLING_ROUNDS = 10;

  /**
   * A snapshot of the table once a round ({@link Journey#round}, on the runtime's clock) changes
   * nothing: the rounds have ended the paid sessions and have nothing left to do, since every TTL
   * is far away. The test runs the rounds, so no scheduled one runs among the refused requests.
   */
  static TableSnapshot stableSnapshot(TestTable table, LocalHttp http, MutableClock clock) {
    TableSnapshot previous = TableSnapshot.of(table.client(), table.name());
    for (int rounds = 0; rounds < MAX_SETTLING_ROUNDS; rounds++) {
      Journey.round(http, clock);
      TableSnapshot current = TableSnapshot.of(table.client(), table.name());
      if (current.differencesFrom(previous).isEmpty()) {
        return current;
      }
      previous = current;
    }
    throw new AssertionError("the table did not settle within " + MAX_SETTLING_ROUNDS + " rounds");
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
  }
}
