package dev.ticketing.local;

import static dev.ticketing.local.Journey.as;
import static dev.ticketing.local.Journey.awaitActive;
import static dev.ticketing.local.Journey.charge;
import static dev.ticketing.local.Journey.firstDate;
import static dev.ticketing.local.Journey.hold;
import static dev.ticketing.local.Journey.join;
import static dev.ticketing.local.Journey.pay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.storage.UserPartition;
import dev.ticketing.testing.MutableClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code sub} claims real identity providers issue, as users of the whole journey over HTTP:
 * a Cognito UUID, Auth0's and Google's {@code provider|id}, 255 characters, and ids holding
 * {@code #}, {@code |}, {@code :}, {@code /}, quotes and a backslash. Each charges, joins, is
 * admitted, holds and pays; the one with {@code #} pays twice and pages its history with the
 * cursor. Every answer names the caller as they are; in the table their partition holds no
 * separator from their id; the runtime's log stays one JSON object a line. 256 characters are
 * refused (the bad-input table tries them on every route).
 */
@ExtendWith(DynamoDbExtension.class)
class RealUserIdsHttpTest {
  private static final String CONCERT = "winter-gala";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> USERS = new LinkedHashMap<>();

  static {
    USERS.put("Cognito", "3f1c2a9e-7b4d-4e8a-9c1f-2d6b5a4e8f01");
    USERS.put("Auth0", "auth0|5fe4c2a1b3d4e5f6a7b8c9d0");
    USERS.put("Google", "google-oauth2|109876543210987654321");
    USERS.put("255 characters", "x".repeat(254) + "#");
    USERS.put("hash", "tenant#42#BALANCE");
    USERS.put("pipe", "github|octo|cat");
    USERS.put("colon", "urn:example:user:7");
    USERS.put("slash", "https://issuer.example/users/7/../8");
    USERS.put("quotes and backslash", "\"a\"\\b'c`d");
  }

  @Test
  void every_kind_of_sub_claim_buys_a_seat_and_sees_only_its_own(TestTable table) throws Exception {
    List<String> logLines;
    try (CapturedOutput log = CapturedOutput.quietly()) {
      MutableClock clock = MutableClock.fromSystem();
      try (LocalHttp http = LocalHttp.startOnClock(table, Map.of("QUEUE_MAX_ACTIVE", "20"), clock)) {
        Map<String, String> tokens = new HashMap<>();
        for (String user : USERS.values()) {
          assertThat(charge(http, user, "top-up/" + user.length(), 400_000).get("userId").asText()).isEqualTo(user);
          tokens.put(user, join(http, user, CONCERT));
        }
        String date = null;
        int seat = 1;
        for (String user : USERS.values()) {
          awaitActive(http, clock, user, tokens.get(user));
          date = firstDate(http, CONCERT, user, tokens.get(user));
          String reservationId = hold(http, user, tokens.get(user), CONCERT, date, seat++);
          JsonNode reservation = http.get("/reservations/" + reservationId, as(user, null)).body();
          assertThat(reservation.get("status").asText()).as(user).isEqualTo("HELD");
          assertThat(pay(http, user, tokens.get(user), reservationId).get("userId").asText()).isEqualTo(user);
        }
        String hash = USERS.get("hash");
        String again = Journey.joinAgain(http, clock, hash, CONCERT);
        awaitActive(http, clock, hash, again);
        pay(http, hash, again, hold(http, hash, again, CONCERT, date, seat));

        for (String user : USERS.values()) {
          JsonNode balance = http.get("/users/me/balance", as(user, null)).body();
          assertThat(balance.get("userId").asText()).as("balance of " + user).isEqualTo(user);
          JsonNode payments = http.get("/users/me/payments?limit=100", as(user, null)).body().get("payments");
          assertThat(payments).as("payments of " + user).hasSize(user.equals(hash) ? 2 : 1);
          payments.forEach(p -> assertThat(p.get("userId").asText()).isEqualTo(user));
        }
        // The history's cursor of a user whose id holds '#': page by page, newest first, nothing twice.
        JsonNode first = http.get("/users/me/payments?limit=1", as(hash, null)).body();
        String cursor = first.get("nextCursor").asText();
        JsonNode second = http.get("/users/me/payments?limit=1&cursor=" + cursor, as(hash, null)).body();
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(second.at("/payments/0/reservationId").asText()).isNotEqualTo(first.at("/payments/0/reservationId").asText());

        LocalHttp.Reply tooLong = http.get("/users/me/balance", as("u".repeat(256), null));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
      }
      logLines = log.text().lines().filter(line -> !line.isBlank()).toList();
    }

    Set<String> partitions = table.client().scanPaginator(r -> r.tableName(table.name())).items().stream()
        .map(item -> item.get("pk").s()).filter(pk -> pk.startsWith(UserPartition.PREFIX)).collect(Collectors.toSet());
    Set<String> expected = USERS.values().stream().map(UserPartition::pk).collect(Collectors.toSet());
    assertThat(partitions).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(partitions).allSatisfy(pk -> assertThat(pk.substring(UserPartition.PREFIX.length())).doesNotContain("#"));
    List<Map<String, AttributeValue>> hashItems = table.client().query(r -> r.tableName(table.name())
        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk",
            AttributeValue.fromS("USER#tenant%2342%23BALANCE")))).items();
    assertThat(hashItems).as("the '#' user's items, under its escaped partition").hasSizeGreaterThanOrEqualTo(4);

    List<String> unparsable = new ArrayList<>();
    for (String line : logLines) {
      try {
        if (!JSON.readTree(line).isObject()) {
          unparsable.add(line);
        }
      } catch (Exception e) {
        unparsable.add(line);
      }
    }
    assertThat(logLines).isNotEmpty();
    assertThat(unparsable).as("log lines that are not one JSON object").isEmpty();
  }
}
