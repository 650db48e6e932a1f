package dev.ticketing.ops.preflight;

import dev.ticketing.ops.OperatorCredentials;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * {@code preflight --stack NAME --region R --expected-peak JOINS_PER_SECOND [--expected-fans N]
 * [--sign-in-rate PER_SECOND]}: before a sale, what would fail at its opening. It reads the stack
 * with the operator's AWS credentials ({@link AwsFacts}), warms every function with a direct
 * invocation of {@code {"warm": true}}, and prints one line per finding ({@link Checks}): OK,
 * WARN or BLOCK, what and why, and what to do. Exit 1 if any line is BLOCK (or the stack cannot be
 * read), 2 for bad arguments or no credentials, 0 otherwise. {@code AWS_ENDPOINT_URL} sends every call to one
 * endpoint (an emulator), as the SDK's own variable does.
 */
public final class PreflightCommand {
  public static final String NAME = "preflight";
  public static final String USAGE = """
      usage: java -jar concert-ops.jar preflight --stack NAME --region REGION --expected-peak JOINS_PER_SECOND
                                                 [--expected-fans N] [--sign-in-rate PER_SECOND]
        Checks a deployed stack before a sale and warms every function: live versions Active, the warm-up
        answered, Lambda concurrency, the identity provider's sign-in rate against the fans expected, the
        route throttles, the API Gateway account quota and burst, the table's warm throughput (README,
        "Capacity for a real sale"), and a confirmed alarm subscription. One line per finding: OK, WARN
        or BLOCK, then what to do. Exit 1 if anything BLOCKs. --sign-in-rate defaults to Cognito's 120/s.""";
  private static final Set<String> VALUED =
      Set.of("--stack", "--region", "--expected-peak", "--expected-fans", "--sign-in-rate");

  /** What the arguments ask for. */
  record Request(String stack, Region region, Expected expected) {}

  static final class Usage extends Exception {
    Usage(String message) {
      super(message);
    }
  }

  private PreflightCommand() {}

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    Request request;
    try {
      request = parse(args);
    } catch (Usage e) {
      err.println("preflight: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Optional<URI> endpoint = Optional.ofNullable(env.get("AWS_ENDPOINT_URL")).filter(v -> !v.isBlank()).map(URI::create);
    AwsCredentialsProvider credentials = OperatorCredentials.from(env);
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException e) {
      // Told in words before any call, rather than as the SDK's chain of providers on every line.
      err.println("preflight: no AWS credentials were found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY, for the account of stack " + request.stack());
      return 2;
    }
    try (AwsClients aws = AwsClients.of(request.region(), credentials, endpoint)) {
      return run(aws, request, out, err);
    }
  }

  /** Gathers, checks and prints; the exit status. */
  static int run(AwsClients aws, Request request, PrintStream out, PrintStream err) {
    SaleCapacity capacity = request.expected().capacity();
    out.printf(Locale.ROOT, "preflight of stack %s in %s for a peak of %,d joins/s%s%n", request.stack(),
        request.region(), capacity.peakJoinsPerSecond(), request.expected().fans().isPresent()
            ? String.format(Locale.ROOT, " and %,d fans", request.expected().fans().getAsLong()) : "");
    Facts facts;
    try {
      facts = AwsFacts.gather(aws, request.stack(), request.region().id());
    } catch (AwsFacts.NoStack e) {
      out.println(Verdict.block("stack", e.getMessage(), "check --stack and --region (and your credentials)").line());
      return 1;
    }
    List<Verdict> verdicts = Checks.all(facts, request.expected());
    verdicts.forEach(verdict -> out.println(verdict.line()));
    long blocks = verdicts.stream().filter(v -> v.level() == Verdict.Level.BLOCK).count();
    long warnings = verdicts.stream().filter(v -> v.level() == Verdict.Level.WARN).count();
    out.println(blocks > 0 ? blocks + " BLOCK, " + warnings + " WARN: not ready for the sale"
        : warnings + " WARN, nothing blocks the sale");
    return blocks > 0 ? 1 : 0;
  }

  static Request parse(String[] args) throws Usage {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!VALUED.contains(args[i])) {
        throw new Usage(args[i].startsWith("--") ? "unknown option " + args[i] : "unexpected argument " + args[i]);
      }
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        throw new Usage(args[i] + " needs a value");
      }
      if (values.put(args[i], args[++i]) != null) {
        throw new Usage(args[i - 1] + " given twice");
      }
    }
    String stack = required(values, "--stack", "NAME");
    if (!stack.matches("[A-Za-z][A-Za-z0-9-]{0,127}")) {
      throw new Usage("--stack: not a CloudFormation stack name: " + stack);
    }
    String region = required(values, "--region", "REGION");
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw new Usage("--region: not an AWS region (e.g. ap-northeast-2): " + region);
    }
    long peak = whole(required(values, "--expected-peak", "JOINS_PER_SECOND"), "--expected-peak");
    OptionalLong fans = values.containsKey("--expected-fans")
        ? OptionalLong.of(whole(values.get("--expected-fans"), "--expected-fans")) : OptionalLong.empty();
    double rate = Expected.DEFAULT_SIGN_IN_RATE;
    if (values.containsKey("--sign-in-rate")) {
      rate = whole(values.get("--sign-in-rate"), "--sign-in-rate");
    }
    return new Request(stack, Region.of(region),
        new Expected(new SaleCapacity(peak), fans, rate, values.containsKey("--sign-in-rate")));
  }

  private static String required(Map<String, String> values, String option, String what) throws Usage {
    String value = values.get(option);
    if (value == null) {
      throw new Usage(option + " " + what + " is required");
    }
    return value;
  }

  private static long whole(String value, String option) throws Usage {
    try {
      long parsed = Long.parseLong(value.replace("_", "").replace(",", ""));
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new Usage(option + ": a whole number of at least 1, not " + value);
  }
}
