package dev.ticketing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynoxideEngineTest {

  @Test
  void serves_a_table_created_from_the_template_and_stops_on_close() {
    DynoxideEngine engine = DynoxideEngine.start();
    try (DynamoDbClient client = LocalDynamoDb.client(engine.endpoint())) {
      TableDefinition definition = SamTemplate.locate().table();
      assertThat(LocalTables.createIfMissing(client, definition, "engine-test")).isTrue();
      assertThat(LocalTables.createIfMissing(client, definition, "engine-test")).isFalse();
      var table = client.describeTable(r -> r.tableName("engine-test")).table();
      assertThat(table.keySchema()).isEqualTo(definition.keySchema());
      assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName() + " " + i.projection().projectionType())
          .containsExactly("gsi1 ALL", "gsi2 KEYS_ONLY");
    } finally {
      engine.close();
    }
    assertThat(engine.isRunning()).isFalse();
  }
}
