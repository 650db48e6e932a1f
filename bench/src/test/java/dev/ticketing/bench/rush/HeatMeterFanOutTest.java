package dev.ticketing.bench.rush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.storage.FanOut;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link HeatMeter} counts the requests a call sends from {@link FanOut}'s pool under that call and
 * their items, as it does those sent from the caller's own thread; the pool's threads keep no tag
 * once the call's tasks are done.
 */
@ExtendWith(DynamoDbExtension.class)
class HeatMeterFanOutTest {
  private static final List<String> FANNED_OUT = List.of("SHARD#0", "SHARD#1", "SHARD#2", "SHARD#3");
  private static final List<String> UNTAGGED = List.of("LATER#0", "LATER#1");

  @Test
  void requests_fanned_out_by_a_call_count_under_that_call_and_on_their_items(TestTable table) {
    IndexShadow shadow = new IndexShadow();
    HeatMeter meter = new HeatMeter(shadow);
    FanOut fanOut = new FanOut();
    long from = System.currentTimeMillis() / 1000;
    try (DynamoDbClient client = RushWiring.client(table.endpoint(), shadow, meter)) {
      meter.measure("placing round", () -> fanOut.map(FANNED_OUT, pk -> get(client, table, pk)));
      // Outside any call: on the pool's threads too, these are no call's.
      fanOut.map(UNTAGGED, pk -> get(client, table, pk));
    }
    long to = System.currentTimeMillis() / 1000 + 1;

    HeatMeter.Window window = meter.window(from, to);
    assertThat(window.calls("placing round").calls()).isEqualTo(1);
    assertThat(window.calls("placing round").requests()).isEqualTo(FANNED_OUT.size());
    assertThat(window.calls("other").requests()).isEqualTo(UNTAGGED.size());
    assertThat(window.calls().keySet()).containsExactlyInAnyOrder("placing round", "other");
    Map<String, Long> expectedItems = java.util.stream.Stream.concat(FANNED_OUT.stream(), UNTAGGED.stream())
        .collect(Collectors.toMap(pk -> table.name() + "\u0000" + pk + "\u0000" + "META", pk -> 1L));
    assertThat(meter.requests(HeatMeter.Space.ITEM, from, to)).isEqualTo(expectedItems);
  }

  private static boolean get(DynamoDbClient client, TestTable table, String pk) {
    return client.getItem(r -> r.tableName(table.name())
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("META")))).hasItem();
  }
}
