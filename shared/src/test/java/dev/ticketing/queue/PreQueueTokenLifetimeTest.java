package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * docs/api.md: a pre-queue token lives until at least 7 days after {@code saleOpensAt}. DynamoDB's TTL
 * deletes an item once its {@code ttl} attribute (epoch seconds) has passed, so every item that
 * carries the token (the token itself and the user's pointer to it, without which a second join
 * would issue a second live token) must say so: at the join, and still once the draw placed it.
 */
@ExtendWith(DynamoDbExtension.class)
class PreQueueTokenLifetimeTest {
  private static final String CONCERT = SmallCatalog.PRE_QUEUE_CONCERT;
  private static final Duration AT_LEAST = Duration.ofDays(7);

  @Test
  void a_pre_queue_token_lives_at_least_seven_days_past_the_opening(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    // Joined long before the opening: a lifetime counted from the join would end too soon.
    Instant opening = clock.instant().plus(Duration.ofDays(20));
    TestComponent app = TestApp.on(table, clock, Map.of("QUEUE_PLACEMENT_SETTLE_SECONDS", "3"));
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    String early = app.joinQueue().join("early", CONCERT).view().token();
    clock.set(opening.minusSeconds(30));
    String lastMinute = app.joinQueue().join("last-minute", CONCERT).view().token();

    for (String token : List.of(early, lastMinute)) {
      assertThat(itemsCarrying(table, token)).as("the user's one token item: no pointer beside it").hasSize(1)
          .allSatisfy(item -> assertThat(ttl(item)).isAfterOrEqualTo(opening.plus(AT_LEAST)));
    }

    clock.set(opening.plusSeconds(5));
    for (int round = 0; round < 3; round++) {
      app.queueRound().run(CONCERT);
      clock.advance(Duration.ofSeconds(4));
    }
    Map<String, AttributeValue> placed = itemsCarrying(table, early).stream()
        .filter(item -> item.containsKey("place")).findFirst().orElseThrow(() -> new AssertionError("not placed by the draw"));
    assertThat(ttl(placed)).as("still, once placed by the draw").isAfterOrEqualTo(opening.plus(AT_LEAST));
  }

  @Test
  void a_token_of_a_join_after_the_opening_is_not_kept_that_long(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    Instant opening = clock.instant().plus(Duration.ofMinutes(1));
    TestComponent app = TestApp.on(table, clock);
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    clock.set(opening.plusSeconds(1));
    String late = app.joinQueue().join("late", CONCERT).view().token();
    assertThat(itemsCarrying(table, late)).isNotEmpty()
        .allSatisfy(item -> assertThat(ttl(item)).isBefore(opening.plus(AT_LEAST).plus(Duration.ofDays(1))));
  }

  private static List<Map<String, AttributeValue>> itemsCarrying(TestTable table, String token) {
    return table.client().scanPaginator(scan -> scan.tableName(table.name()).consistentRead(true)
            .filterExpression("secret = :secret")
            .expressionAttributeValues(Map.of(":secret", AttributeValue.fromS(token.substring(token.lastIndexOf('.') + 1)))))
        .items().stream().toList();
  }

  private static Instant ttl(Map<String, AttributeValue> item) {
    assertThat(item).containsKey("ttl");
    return Instant.ofEpochSecond(Long.parseLong(item.get("ttl").n()));
  }
}
