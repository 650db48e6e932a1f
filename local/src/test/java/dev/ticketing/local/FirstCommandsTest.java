package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands a newcomer types first, each in a JVM of its own as {@code java -jar
 * concert-local.jar} runs it (exit status and streams are the process's): asking for help, a
 * port already taken, and the operators' tools, which live in their own jar now. Each answers in
 * words, naming what to type or set, without a stack trace.
 */
class FirstCommandsTest {
  /** How long anything may take on a busy machine before the test gives up. */
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String CATALOG = """
      {"concerts": [{"concertId": "winter-gala", "title": "Winter Gala", "artist": "A", "venue": "V",
        "sections": [{"name": "ALL", "firstSeat": 1, "lastSeat": 50, "price": 80000}],
        "schedules": [{"scheduleId": "winter-gala-2099-01-01", "date": "2099-01-01", "startsAt": "2099-01-01T10:00:00Z"}]}]}
      """;

  @TempDir
  Path dir;

  @Test
  void help_prints_the_usage_on_stdout_and_exits_0_for_every_command() throws Exception {
    for (List<String> args : List.of(List.of("--help"), List.of("invoke", "--help"))) {
      LocalMainProcess.Finished help = LocalMainProcess.run(DEADLINE, env -> { }, args.toArray(String[]::new));
      assertThat(help.exit()).as(args + ": " + help).isZero();
      assertThat(help.stdout()).as(args + ": " + help).startsWith("usage: java -jar concert-local.jar " + (args.size() > 1
          ? args.get(0) : "")).doesNotContain("unknown");
      assertThat(help.stderr()).as(args + ": " + help).isEmpty();
    }
  }

  @Test
  void a_port_in_use_is_told_with_the_variable_that_chooses_another() throws Exception {
    Path catalog = Files.writeString(dir.resolve("catalog.json"), CATALOG);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(taken.getLocalPort());
      LocalMainProcess.Finished busy = LocalMainProcess.run(DEADLINE, env -> env.put("PORT", port),
          "--catalog", catalog.toString());

      assertThat(busy.exit()).as(busy.toString()).isEqualTo(1);
      assertThat(busy.stderr()).as(busy.toString()).contains("port " + port + " is in use", "PORT=", "PORT=0")
          .doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(busy.stdout()).as("nothing served").doesNotContain("Concert reservation API on");
    }
  }

  @Test
  void a_bad_port_is_told_in_words() throws Exception {
    LocalMainProcess.Finished bad = LocalMainProcess.run(DEADLINE, env -> env.put("PORT", "three-thousand"));

    assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.stderr()).as(bad.toString()).contains("PORT must be a port number from 0 to 65535", "three-thousand")
        .doesNotContain("Exception");
  }

  @Test
  void ops_and_seed_point_at_the_operators_jar_and_exit_2() throws Exception {
    for (List<String> args : List.of(List.of("ops", "status", "--concert", "winter-gala"), List.of("ops", "--help"),
        List.of("seed", "--file", "catalog.json"))) {
      LocalMainProcess.Finished moved = LocalMainProcess.run(DEADLINE, this::noAws, args.toArray(String[]::new));
      assertThat(moved.exit()).as(args + ": " + moved).isEqualTo(2);
      assertThat(moved.stdout()).as(args + ": " + moved).isEmpty();
      assertThat(moved.stderr()).as(args + ": " + moved)
          .startsWith(args.get(0) + " is an operator's tool, not the local runtime's: run java -jar ops/target/concert-ops.jar "
              + (args.get(0).equals("seed") ? "seed" : "<command>"))
          .doesNotContain("Exception");
    }
    LocalMainProcess.Finished help = LocalMainProcess.run(DEADLINE, env -> { }, "--help");
    assertThat(help.stdout()).as("the usage says where they went").contains("ops/target/concert-ops.jar")
        .doesNotContain("concert-local.jar ops").doesNotContain("concert-local.jar seed");
  }

  /** Neither a local engine nor anything AWS could find: no variables, no files, no instance metadata. */
  private void noAws(Map<String, String> env) {
    env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("DYNAMODB_ENDPOINT"));
    env.put("HOME", dir.toString());
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
  }
}
