package dev.ticketing.ops.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.ops.OpsMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code concert-ops.jar preflight} as the jar runs it: its arguments, its environment, its exit status. */
class PreflightCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return OpsMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void help_prints_the_usage() {
    assertThat(run(Map.of(), "preflight", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar concert-ops.jar preflight --stack NAME"
        + " --region REGION --expected-peak JOINS_PER_SECOND");
  }

  @Test
  void bad_arguments_say_what_is_wrong_and_exit_2_before_any_call() {
    for (String[] args : new String[][] {
        {"preflight", "--stack", "concert-reservation", "--region", "ap-northeast-2"},
        {"preflight", "--stack", "concert-reservation", "--region", "Seoul", "--expected-peak", "10"},
        {"preflight", "--stack", "concert-reservation", "--region", "ap-northeast-2", "--expected-peak", "0"},
        {"preflight", "--stack", "concert-reservation", "--region", "ap-northeast-2", "--expected-peak", "10", "--yes"}}) {
      err.reset();
      assertThat(run(Map.of(), args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).startsWith("preflight: ")
          .contains("usage: java -jar concert-ops.jar preflight");
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("preflight: unknown option --yes");
  }

  @Test
  void the_environment_s_endpoint_and_keys_reach_every_service() {
    try (RecordedAws aws = new RecordedAws("new-account")) {
      int exit = run(Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(), "AWS_ACCESS_KEY_ID", "AKIDRECORDED",
          "AWS_SECRET_ACCESS_KEY", "recorded"), "preflight", "--stack", "concert-reservation", "--region",
          "ap-northeast-2", "--expected-peak", "1_000", "--expected-fans", "5,000");

      assertThat(aws.unrecorded()).isEmpty();
      assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .startsWith("preflight of stack concert-reservation in ap-northeast-2 for a peak of 1,000 joins/s and 5,000 fans\n")
          .endsWith("4 BLOCK, 1 WARN: not ready for the sale\n");
    }
  }
}
