package dev.ticketing.ops.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code preflight} against AWS as recorded ({@link RecordedAws}): the real SDK clients read
 * responses shaped as AWS sends them, of a deployed stack of fifteen functions. An emulator
 * answers every version Active and every subscription confirmed; these recordings hold what it
 * cannot: a new account's quota of 10, a version gone Inactive, a warm-up that fails, the alarm
 * mail never confirmed, and the template's throttles and warm throughput against a peak they do
 * not cover.
 */
class PreflightRecordedTest {
  private static final String REGION = "ap-northeast-2";
  private static final String SHOW_DRAW = "ShowDrawFunction (concert-reservation-ShowDrawFunction-8CF6421065A6)";
  private static final String PAY = "PayFunction (concert-reservation-PayFunction-CAF3DD41E878)";

  /** What one run printed and its exit status. */
  record Run(int exit, List<String> lines, List<String> requests, List<String> unrecorded) {
    List<String> at(String level) {
      return lines.stream().filter(line -> line.startsWith(level + " ")).toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n" + String.join("\n", lines);
    }
  }

  private static Run preflight(String scenario, String... args) throws Exception {
    try (RecordedAws aws = scenario.isEmpty() ? new RecordedAws() : new RecordedAws(scenario);
        AwsClients clients = AwsClients.of(Region.of(REGION),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDRECORDED", "recorded")),
            Optional.of(aws.endpoint()))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      String[] all = new String[args.length + 4];
      System.arraycopy(new String[] {"--stack", "concert-reservation", "--region", REGION}, 0, all, 0, 4);
      System.arraycopy(args, 0, all, 4, args.length);
      int exit = PreflightCommand.run(clients, PreflightCommand.parse(all),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
      return new Run(exit, Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n")), aws.requests(), aws.unrecorded());
    }
  }

  @Test
  void a_deployed_stack_for_a_small_sale_is_ready_and_every_function_was_warmed() throws Exception {
    Run run = preflight("", "--expected-peak", "1000", "--expected-fans", "5000");

    assertThat(run.unrecorded()).as("every call was one AWS answers").isEmpty();
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.at("BLOCK")).as(run.toString()).isEmpty();
    assertThat(run.at("WARN")).as(run.toString()).isEmpty();
    assertThat(run.lines()).as(run.toString()).contains(
        "OK     live version: 15 of 15 functions' live versions are Active",
        "OK     warm-up: 15 of 15 functions answered {\"warm\": true}",
        "OK     concurrency: the quota of 1,000 covers 3 reserved + 100 Lambda keeps unreserved + 25 at the peak of 1,000"
            + " joins/s (16 ms a join, 6 ms a poll, 1,500 polls/s) = 128",
        "OK     sign-in: 5,000 fans take 42 s to sign in at 120/s (Cognito's default user-authentication quota; this"
            + " tool cannot read Service Quotas: give --sign-in-rate if yours was raised)",
        "OK     alarm subscriptions: 1 confirmed: email oncall@example.com");
    assertThat(run.lines().get(run.lines().size() - 1)).isEqualTo("0 WARN, nothing blocks the sale");
    assertThat(run.requests()).as("each function warmed through its alias, after every state was read")
        .filteredOn(request -> request.startsWith("Invoke ")).hasSize(15)
        .allMatch(request -> request.endsWith(" Qualifier=live {\"warm\": true}"));
    assertThat(run.requests().indexOf(run.requests().stream().filter(r -> r.startsWith("Invoke")).findFirst().orElseThrow()))
        .isGreaterThan(run.requests().lastIndexOf(run.requests().stream()
            .filter(r -> r.startsWith("GetFunctionConfiguration")).reduce((a, b) -> b).orElseThrow()));
    assertThat(run.requests()).as("the second page of the stack's resources was read")
        .contains("ListStackResources page2");
  }

  @Test
  void a_new_account_blocks_on_its_quota_an_inactive_version_a_failed_warm_up_and_an_unconfirmed_alarm() throws Exception {
    Run run = preflight("new-account", "--expected-peak", "1000");

    assertThat(run.unrecorded()).isEmpty();
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.at("BLOCK")).as(run.toString()).containsExactly(
        "BLOCK  live version: " + SHOW_DRAW + ": live is version 7, Inactive (The function is inactive because it has"
            + " not been invoked in a long time.); Lambda reclaims a SnapStart version left uninvoked for 14 days, and"
            + " requests to it fail until it is restored. Do: invoking it starts the restore (this run's warm-up did):"
            + " run preflight again in a few minutes; if it stays Inactive, publish a new version (`sam deploy --region"
            + " ap-northeast-2`)",
        "BLOCK  warm-up: " + PAY + ": answered with a function error (Unhandled): {\"errorMessage\": \"Task timed out"
            + " after 10.00 seconds\", \"errorType\": \"Sandbox.Timedout\"}. Do: read its log group"
            + " (/aws/lambda/concert-reservation/...), then try it by hand: aws lambda invoke --region ap-northeast-2"
            + " --function-name concert-reservation-PayFunction-CAF3DD41E878 --qualifier live --cli-binary-format"
            + " raw-in-base64-out --payload '{\"warm\": true}' /dev/stdout",
        "BLOCK  concurrency: the account's Lambda concurrency quota is 10 in ap-northeast-2; the sale needs 0 reserved"
            + " + 100 Lambda keeps unreserved + 25 at the peak of 1,000 joins/s (16 ms a join, 6 ms a poll, 1,500"
            + " polls/s) = 125. Do: ask for a quota increase to at least 125 (Service Quotas, AWS Lambda, \"Concurrent"
            + " executions\", in ap-northeast-2); it can take days",
        "BLOCK  alarm subscriptions: 1 subscription(s), none confirmed: email oncall@example.com PendingConfirmation."
            + " Do: confirm it from the mail AWS sent (or the endpoint's confirmation request); AWS sends it again on"
            + " `aws sns subscribe`");
    assertThat(run.at("WARN")).as(run.toString()).containsExactly(
        "WARN   concurrency: the maintenance function has no reserved concurrency (MaintenanceReservedConcurrency=0):"
            + " a burst of API traffic can throttle admission. Do: once the quota below is raised, deploy with"
            + " MaintenanceReservedConcurrency=3 (the default)",
        "WARN   sign-in: not checked: how many fans will sign in at 120/s (Cognito's default user-authentication quota;"
            + " this tool cannot read Service Quotas: give --sign-in-rate if yours was raised) is not known. Do: give"
            + " --expected-fans N");
    assertThat(run.lines()).contains("OK     live version: 14 of 15 functions' live versions are Active",
        "OK     warm-up: 14 of 15 functions answered {\"warm\": true}");
    assertThat(run.lines().get(run.lines().size() - 1)).isEqualTo("4 BLOCK, 2 WARN: not ready for the sale");
  }

  @Test
  void the_template_s_throttles_and_warm_throughput_block_a_peak_of_100000_joins_a_second() throws Exception {
    Run run = preflight("", "--expected-peak", "100000");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.at("BLOCK")).as(run.toString()).containsExactly(
        "BLOCK  concurrency: the account's Lambda concurrency quota is 1,000 in ap-northeast-2; the sale needs 3"
            + " reserved + 100 Lambda keeps unreserved + 2,500 at the peak of 100,000 joins/s (16 ms a join, 6 ms a poll,"
            + " 150,000 polls/s) = 2,603. Do: ask for a quota increase to at least 2,603 (Service Quotas, AWS Lambda,"
            + " \"Concurrent executions\", in ap-northeast-2); it can take days",
        "BLOCK  route throttles: POST /concerts/{concertId}/queue/tokens is throttled at 3,500 requests/s, burst 7,000;"
            + " the peak sends 100,000 joins. Do: raise its ThrottlingRateLimit (and ThrottlingBurstLimit) in"
            + " template.yaml's RouteSettings to at least 100,000, within the account's quota, and deploy",
        "BLOCK  route throttles: GET /queue/status is throttled at 3,500 requests/s, burst 7,000; the peak sends 150,000"
            + " polls in the busiest second. Do: raise its ThrottlingRateLimit (and ThrottlingBurstLimit) in"
            + " template.yaml's RouteSettings to at least 150,000, within the account's quota, and deploy",
        "BLOCK  API Gateway account: 10,000 requests/s in ap-northeast-2; the peak's busiest second sends 250,000"
            + " (100,000 joins and 150,000 polls). Do: ask for a quota increase to at least 250,000 requests/s (Service"
            + " Quotas, Amazon API Gateway, \"Throttle rate\", in ap-northeast-2), then raise the route throttles",
        "BLOCK  table warm throughput: concert-reservation-ReservationsTable-8EFD86FB78A5 takes 4,000 write and 12,000"
            + " read units/s at once (ACTIVE); the peak needs 300,000 write and 150,000 read. Do: raise"
            + " TableWarmWriteUnits / TableWarmReadUnits (`sam deploy --region ap-northeast-2 --parameter-overrides"
            + " ...`) to at least 300,000 / 150,000 a day before the sale, once (it cannot be lowered); past 40,000"
            + " the table throughput quota goes first",
        "BLOCK  table warm throughput: concert-reservation-ReservationsTable-8EFD86FB78A5 index gsi1 takes 4,000 write"
            + " and 12,000 read units/s at once (ACTIVE); the peak needs 100,000 write. Do: raise TableWarmWriteUnits /"
            + " TableWarmReadUnits (`sam deploy --region ap-northeast-2 --parameter-overrides ...`) to at least 300,000"
            + " / 150,000 a day before the sale, once (it cannot be lowered); past 40,000 the table throughput quota"
            + " goes first",
        "BLOCK  table warm throughput: concert-reservation-ReservationsTable-8EFD86FB78A5 index gsi2 takes 4,000 write"
            + " and 12,000 read units/s at once (ACTIVE); the peak needs 100,000 write. Do: raise TableWarmWriteUnits /"
            + " TableWarmReadUnits (`sam deploy --region ap-northeast-2 --parameter-overrides ...`) to at least 300,000"
            + " / 150,000 a day before the sale, once (it cannot be lowered); past 40,000 the table throughput quota"
            + " goes first");
    assertThat(run.at("WARN")).as(run.toString()).anyMatch(line -> line.startsWith(
        "WARN   API Gateway account: a burst of 5,000 requests; the opening's first second brings 100,000 joins"));
  }

  @Test
  void a_stack_sized_for_the_peak_passes_but_a_million_fans_must_sign_in_before_the_opening() throws Exception {
    Run run = preflight("sized", "--expected-peak", "100000", "--expected-fans", "1000000");

    assertThat(run.unrecorded()).isEmpty();
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.at("BLOCK")).as(run.toString()).isEmpty();
    assertThat(run.at("WARN")).as(run.toString()).containsExactly(
        "WARN   concurrency: Lambda adds at most 1,000 environments per function every 10 s: 2,500 at once takes about"
            + " 30 s to reach from a quiet stack. Do: run preflight (it warms every function) shortly before the"
            + " opening; provisioned concurrency on JoinQueue and QueueStatus for a sale that cannot wait that long",
        "WARN   sign-in: 1,000,000 fans take 2 h 19 min to sign in at 120/s (Cognito's default user-authentication"
            + " quota; this tool cannot read Service Quotas: give --sign-in-rate if yours was raised): they cannot all"
            + " sign in at the opening. Do: fans must sign in before the opening: ask them to sign in from at least"
            + " 2 h 19 min before it (the web app keeps the session), or raise the provider's authentication quota to"
            + " 16,667/s for all of them in the opening minute");
  }
}
