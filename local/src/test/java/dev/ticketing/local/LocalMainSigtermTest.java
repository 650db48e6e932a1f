package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.DynoxideEngine;
import dev.ticketing.engine.LocalDynamoDb;
import dev.ticketing.engine.LocalTables;
import dev.ticketing.engine.SamTemplate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code java -jar concert-local.jar} stopped with SIGTERM (what {@code kill}, a container stop or
 * a terminal closing sends) while a maintenance round is under way: the round finishes on the
 * runtime's own embedded engine, then the engine stops, and none outlives the runtime's process.
 * It takes a JVM of its own: the shutdown hooks, which all start at once and in no order, run as it stops.
 */
class LocalMainSigtermTest {
  private static final String TABLE = "concert-reservation";
  private static final String CONCERT = "winter-gala";
  /**
   * The first round's work: a hold takes a few storage calls, so releasing them all outlasts the
   * test's look at the table by far on an idle machine, and still ends well within the scheduler's
   * grace on a busy one.
   */
  private static final int HOLDS = 100;
  /** How long anything may take on a busy machine before the test gives up. */
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  /** One concert, whose sale opens long after the test: the queue's step has nothing to do, the holds are the round's work. */
  private static final String CATALOG = """
      {"concerts": [{"concertId": "winter-gala", "title": "Winter Gala", "artist": "A", "venue": "V",
        "saleOpensAt": "2098-12-01T00:00:00Z",
        "sections": [{"name": "ALL", "firstSeat": 1, "lastSeat": 50, "price": 80000}],
        "schedules": [{"scheduleId": "winter-gala-2099-01-01", "date": "2099-01-01", "startsAt": "2099-01-01T10:00:00Z"}]}]}
      """;

  @TempDir
  Path dir;

  @Test
  void sigterm_during_a_maintenance_round_lets_it_finish_before_the_embedded_engine_stops() throws Exception {
    // The data file the runtime opens with --db-path: holds that ran out a minute ago, for its first round to release.
    Path db = dir.resolve("data.db");
    Path catalog = Files.writeString(dir.resolve("catalog.json"), CATALOG);
    try (DynoxideEngine engine = DynoxideEngine.start(Optional.of(db));
        DynamoDbClient client = LocalDynamoDb.client(engine.endpoint())) {
      LocalTables.createIfMissing(client, SamTemplate.locate().table(), TABLE);
      ExpiredHolds.write(client, TABLE, CONCERT, HOLDS);
    }

    // The runtime as `java -jar concert-local.jar --db-path FILE` runs it: with its own embedded engine.
    ProcessBuilder command = LocalMainProcess.command("--db-path", db.toString(), "--catalog", catalog.toString())
        .redirectErrorStream(true);
    command.environment().put("PORT", "0");
    command.environment().put("SCHEDULER_INTERVAL_SECONDS", "1");
    Process runtime = command.start();
    LocalMainProcess.Lines output = new LocalMainProcess.Lines(runtime, DEADLINE);
    List<ProcessHandle> engines;
    try {
      String banner = output.await(line -> line.startsWith("Its table "));
      URI endpoint = URI.create(banner.replaceFirst(".* is served at (\\S+) while it runs.*", "$1"));
      engines = runtime.descendants().toList();
      assertThat(engines).as("the runtime's embedded engine").isNotEmpty();

      try (DynamoDbClient client = LocalDynamoDb.client(endpoint)) {
        Instant deadline = Instant.now().plus(DEADLINE);
        int left;
        do {
          TimeUnit.MILLISECONDS.sleep(20);
          left = ExpiredHolds.left(client, TABLE, CONCERT);
        } while (left == HOLDS && Instant.now().isBefore(deadline));
        assertThat(left).as("holds left when the runtime is signalled: a release round is under way")
            .isBetween(1, HOLDS - 1);
      }
      // SIGTERM, through the handle: Process.destroy would also close the pipe its output is still read from.
      runtime.toHandle().destroy();
      assertThat(runtime.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the runtime stopped").isTrue();
    } finally {
      runtime.toHandle().destroyForcibly();
    }

    String log = output.all();
    assertThat(log).doesNotContain("maintenance step failed").doesNotContain("\"level\":\"ERROR\"")
        .doesNotContain("Exception");
    assertThat(runtime.exitValue()).as("exit status: 128 + SIGTERM's 15").isEqualTo(143);
    assertThat(engines).as("engines still running after the runtime stopped").noneMatch(ProcessHandle::isAlive);
    try (DynoxideEngine engine = DynoxideEngine.start(Optional.of(db));
        DynamoDbClient client = LocalDynamoDb.client(engine.endpoint())) {
      assertThat(ExpiredHolds.left(client, TABLE, CONCERT)).as("holds left once the runtime has stopped: the round finished").isZero();
    }
  }
}
