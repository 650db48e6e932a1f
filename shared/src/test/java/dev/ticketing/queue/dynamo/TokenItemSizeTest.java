package dev.ticketing.queue.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import dev.ticketing.testing.SmallCatalog;

import dev.ticketing.domain.UserIds;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.queue.join.JoinStore;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A token item stays within one write unit (1 KB) at its largest: a 255-character user id, every
 * replaced turn kept, admitted and used (its admitted index entry, place and times), counted the
 * way DynamoDB counts an item's size, with room for the longest concert id.
 */
@ExtendWith(DynamoDbExtension.class)
class TokenItemSizeTest {
  private static final String CONCERT = "winter-gala";
  /** The longest concert id (docs/api.md); the concert id is in three of the item's keys. */
  private static final int LONGEST_CONCERT_ID = 64;
  private static final int CONCERT_ID_OCCURRENCES = 3;

  @Test
  void the_largest_token_item_is_under_one_kilobyte(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    TestComponent app = TestApp.on(table, clock);
    app.catalogSeeder().seed(SmallCatalog.demoFirstDates(clock));
    String user = "auth0|" + "x".repeat(UserIds.MAX_LENGTH - 6);
    assertThat(user).hasSize(255);
    String token = null;
    for (int turn = 0; turn <= JoinStore.KEPT_ENDED; turn++) {
      if (token != null) {
        clock.advance(Duration.ofSeconds(601));
        app.queueRound().run(CONCERT);  // ends the turn
      }
      token = app.joinQueue().join(user, CONCERT).view().token();
      clock.advance(Duration.ofSeconds(1));
      app.queueRound().run(CONCERT);
      app.queueGate().admit(user, CONCERT, QueueTokenId.parse(token));  // admitted and used
    }
    Map<String, AttributeValue> item = QueueTables.token(table, QueueTokenId.parse(token).orElseThrow());
    assertThat(item.get("ended").l()).as("every replaced turn kept").hasSize(JoinStore.KEPT_ENDED);
    assertThat(item).containsKeys("gsi1pk", "gsi2pk", "place", "activatedAt", "activeUntil", "firstUsedAt");

    long size = itemSize(item) + (long) CONCERT_ID_OCCURRENCES * (LONGEST_CONCERT_ID - CONCERT.length());
    assertThat(size).as("bytes as DynamoDB counts them").isLessThanOrEqualTo(1024);
  }

  @Test
  void sizes_are_counted_as_dynamodb_documents_them() {
    assertThat(itemSize(Map.of("ab", AttributeValue.fromS("héllo")))).isEqualTo(2 + 6);
    assertThat(itemSize(Map.of("n", AttributeValue.fromN("1700000000123")))).isEqualTo(1 + 7 + 1);
    assertThat(itemSize(Map.of("n", AttributeValue.fromN("100")))).isEqualTo(1 + 1 + 1);
    assertThat(itemSize(Map.of("l", AttributeValue.fromL(java.util.List.of(AttributeValue.fromS("abc")))))).isEqualTo(1 + 3 + 1 + 3);
  }

  /** An item's size: its attributes' names and values (docs: "Item sizes and formats"). */
  static long itemSize(Map<String, AttributeValue> item) {
    return item.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + valueSize(e.getValue())).sum();
  }

  private static long valueSize(AttributeValue value) {
    if (value.s() != null) {
      return utf8(value.s());
    }
    if (value.n() != null) {
      return numberSize(value.n());
    }
    if (value.b() != null) {
      return value.b().asByteArray().length;
    }
    if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
      return 1;
    }
    if (value.hasL()) {
      return 3 + value.l().stream().mapToLong(element -> 1 + valueSize(element)).sum();
    }
    if (value.hasM()) {
      return 3 + value.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + valueSize(e.getValue())).sum();
    }
    if (value.hasSs()) {
      return value.ss().stream().mapToLong(TokenItemSizeTest::utf8).sum();
    }
    if (value.hasNs()) {
      return value.ns().stream().mapToLong(TokenItemSizeTest::numberSize).sum();
    }
    throw new IllegalArgumentException("not counted: " + value);
  }

  /** One byte per two significant digits, plus one. */
  private static long numberSize(String number) {
    String digits = new BigDecimal(number).abs().stripTrailingZeros().unscaledValue().toString();
    return (digits.length() + 1) / 2 + 1;
  }

  private static long utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }
}
