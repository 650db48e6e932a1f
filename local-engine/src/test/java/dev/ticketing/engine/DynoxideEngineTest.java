package dev.ticketing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
      assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactly("gsi1");
    } finally {
      engine.close();
    }
    assertThat(engine.isRunning()).isFalse();
  }

  /** The engine must not outlive a JVM that is killed with SIGKILL, which runs no shutdown hook. */
  @Test
  void dies_with_a_jvm_killed_by_sigkill() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        EngineHolder.class.getName()))
        .redirectErrorStream(true)
        .start();
    long enginePid;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("engine-pid="));
      assertThat(line).as("child JVM reported its engine").isNotNull();
      enginePid = Long.parseLong(line.substring("engine-pid=".length()));
    }
    Optional<ProcessHandle> engine = ProcessHandle.of(enginePid);
    assertThat(engine).isPresent();
    assertThat(engine.get().isAlive()).isTrue();

    new ProcessBuilder("kill", "-9", Long.toString(jvm.pid())).start().waitFor();
    assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(enginePid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ProcessHandle.of(enginePid).map(ProcessHandle::isAlive).orElse(false))
        .as("dynoxide %d still running after its JVM was killed", enginePid).isFalse();
  }

  /** Entry point of the child JVM of {@link #dies_with_a_jvm_killed_by_sigkill}. */
  public static final class EngineHolder {
    public static void main(String[] args) throws InterruptedException {
      DynoxideEngine engine = DynoxideEngine.start();
      System.out.println("engine-pid=" + engine.pid());
      System.out.flush();
      Thread.sleep(Duration.ofMinutes(2).toMillis());
    }
  }
}
