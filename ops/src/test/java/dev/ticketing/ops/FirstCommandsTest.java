package dev.ticketing.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' first commands, each in a JVM of its own as {@code java -jar concert-ops.jar}
 * runs it (exit status and streams are the process's): asking for help, and every command with
 * no table to reach. Each answers in words, naming what to type or set, without a stack trace.
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
    for (List<String> args : List.of(List.of("--help"), List.of("help"), List.of("status", "--help"),
        List.of("seed", "--help"))) {
      OpsMainProcess.Finished help = OpsMainProcess.run(DEADLINE, env -> { }, args.toArray(String[]::new));
      assertThat(help.exit()).as(args + ": " + help).isZero();
      assertThat(help.stdout()).as(args + ": " + help).startsWith("usage: java -jar concert-ops.jar "
          + (args.get(0).equals("seed") ? "seed" : "<command>")).doesNotContain("unknown");
      assertThat(help.stderr()).as(args + ": " + help).isEmpty();
    }
    OpsMainProcess.Finished both = OpsMainProcess.run(DEADLINE, env -> { }, "--help");
    assertThat(both.stdout()).as("the jar's help lists both tools")
        .contains("java -jar concert-ops.jar seed --file", "close --yes", "audit [--json]");
  }

  @Test
  void ops_and_seed_with_no_table_to_reach_name_what_to_set() throws Exception {
    Path catalog = Files.writeString(dir.resolve("catalog.json"), CATALOG);
    OpsMainProcess.Finished ops = OpsMainProcess.run(DEADLINE, this::noAws, "status", "--concert", "winter-gala");
    assertThat(ops.exit()).as(ops.toString()).isEqualTo(2);
    assertThat(ops.stderr()).as(ops.toString())
        .startsWith("ops: no table to reach: DYNAMODB_ENDPOINT is not set and no AWS region is configured")
        .contains("DYNAMODB_ENDPOINT=http://127.0.0.1:", "AWS_REGION", "AWS_PROFILE")
        .doesNotContain("Exception").doesNotContain("software.amazon");

    OpsMainProcess.Finished seed = OpsMainProcess.run(DEADLINE, this::noAws, "seed", "--file", catalog.toString());
    assertThat(seed.exit()).as(seed.toString()).isEqualTo(2);
    assertThat(seed.stderr()).as(seed.toString()).startsWith("seed: no table to reach: DYNAMODB_ENDPOINT is not set")
        .doesNotContain("Exception");

    OpsMainProcess.Finished noCredentials = OpsMainProcess.run(DEADLINE, env -> {
      noAws(env);
      env.put("AWS_REGION", "eu-west-1");
    }, "pause", "--concert", "winter-gala", "--operator", "alice");
    assertThat(noCredentials.exit()).as(noCredentials.toString()).isEqualTo(2);
    assertThat(noCredentials.stderr()).as(noCredentials.toString())
        .startsWith("ops: no table to reach: DYNAMODB_ENDPOINT is not set and no AWS credentials were found")
        .contains("AWS_ACCESS_KEY_ID").doesNotContain("Exception");
  }

  @Test
  void preflight_without_credentials_names_what_to_set() throws Exception {
    OpsMainProcess.Finished preflight = OpsMainProcess.run(DEADLINE, this::noAws, "preflight", "--stack",
        "concert-reservation", "--region", "ap-northeast-2", "--expected-peak", "1000");
    assertThat(preflight.exit()).as(preflight.toString()).isEqualTo(2);
    assertThat(preflight.stderr()).as(preflight.toString())
        .startsWith("preflight: no AWS credentials were found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID")
        .doesNotContain("Exception").doesNotContain("software.amazon");
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
