package dev.ticketing.ops.preflight;

import dev.ticketing.ops.preflight.Facts.ApiFacts;
import dev.ticketing.ops.preflight.Facts.FunctionFacts;
import dev.ticketing.ops.preflight.Facts.LiveVersion;
import dev.ticketing.ops.preflight.Facts.Subscription;
import dev.ticketing.ops.preflight.Facts.TableFacts;
import dev.ticketing.ops.preflight.Facts.Throttle;
import dev.ticketing.ops.preflight.Facts.Warm;
import dev.ticketing.ops.preflight.Facts.WarmUp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks of {@code preflight}, each a pure function of what AWS said ({@link Facts}) and what
 * the operator expects ({@link Expected}) to its lines ({@link Verdict}). What the sale needs comes
 * from {@link SaleCapacity}, the README's figures.
 */
final class Checks {
  /** The two routes a rush consists of (template.yaml's RouteSettings name them so). */
  static final String JOIN_ROUTE = "POST /concerts/{concertId}/queue/tokens";
  static final String STATUS_ROUTE = "GET /queue/status";
  /** Fans who can all sign in within the opening's first minute need not be told to sign in early. */
  static final Duration OPENING_MINUTE = Duration.ofMinutes(1);
  /**
   * The longest an access token lasts: fans who sign in earlier than this before the opening hold
   * an expired one at the opening, so sign-in cannot be spread over more than this.
   */
  static final Duration SIGN_IN_WINDOW = Duration.ofDays(1);

  private Checks() {}

  /** Every check, in the order the lines are printed. */
  static List<Verdict> all(Facts facts, Expected expected) {
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.addAll(liveVersions(facts));
    verdicts.addAll(warmUps(facts));
    verdicts.addAll(concurrency(facts, expected.capacity()));
    verdicts.addAll(signIn(expected));
    verdicts.addAll(routes(facts, expected.capacity()));
    verdicts.addAll(apiAccount(facts, expected.capacity()));
    verdicts.addAll(table(facts, expected.capacity()));
    verdicts.addAll(alarms(facts));
    return verdicts;
  }

  static boolean blocked(List<Verdict> verdicts) {
    return verdicts.stream().anyMatch(v -> v.level() == Verdict.Level.BLOCK);
  }

  /** Each function's {@code live} alias exists and its version is Active (SnapStart restores only an Active one). */
  static List<Verdict> liveVersions(Facts facts) {
    String check = "live version";
    if (facts.functions().isEmpty()) {
      return List.of(Verdict.block(check, "stack " + facts.stack() + " has no Lambda function",
          "name the stack that `sam deploy` created (samconfig.toml: concert-reservation) and its region"));
    }
    List<Verdict> verdicts = new ArrayList<>();
    int active = 0;
    for (FunctionFacts function : facts.functions()) {
      String who = function.logicalId() + " (" + function.name() + ")";
      if (function.live().value().isEmpty()) {
        verdicts.add(Verdict.block(check, who + ": no live alias to read (" + function.live().failure() + ")",
            "deploy the stack with `sam deploy --region " + facts.region() + "`: SAM publishes a version and points live at it"));
        continue;
      }
      LiveVersion live = function.live().value().get();
      String at = who + ": live is version " + live.version() + ", " + live.state()
          + (live.stateReason().isEmpty() ? "" : " (" + live.stateReason() + ")");
      switch (live.state()) {
        case "Active" -> active++;
        case "Inactive" -> verdicts.add(Verdict.block(check, at + "; Lambda reclaims a SnapStart version left"
                + " uninvoked for 14 days, and requests to it fail until it is restored",
            "invoking it starts the restore (this run's warm-up did): run preflight again in a few minutes;"
                + " if it stays Inactive, publish a new version (`sam deploy --region " + facts.region() + "`)"));
        case "Pending" -> verdicts.add(Verdict.block(check, at + "; its snapshot is still being taken or restored",
            "wait a few minutes and run preflight again"));
        case "Failed" -> verdicts.add(Verdict.block(check, at,
            "publish a new version (`sam deploy --region " + facts.region() + "`) once the reason is fixed"));
        default -> verdicts.add(Verdict.warn(check, at + ": a state preflight does not know", "check it in the Lambda console"));
      }
    }
    if (active > 0) {
      verdicts.add(0, Verdict.ok(check, active + " of " + facts.functions().size()
          + " functions' live versions are Active"));
    }
    return verdicts;
  }

  /** Each function answered {@code {"warm": true}} through its alias, so an environment is restored before the crowd. */
  static List<Verdict> warmUps(Facts facts) {
    String check = "warm-up";
    List<Verdict> verdicts = new ArrayList<>();
    int warmed = 0;
    for (FunctionFacts function : facts.functions()) {
      String who = function.logicalId() + " (" + function.name() + ")";
      String todo = "read its log group (/aws/lambda/" + facts.stack() + "/...), then try it by hand: aws lambda invoke"
          + " --region " + facts.region() + " --function-name " + function.name() + " --qualifier live"
          + " --cli-binary-format raw-in-base64-out --payload '{\"warm\": true}' /dev/stdout";
      if (function.warmUp().value().isEmpty()) {
        verdicts.add(Verdict.block(check, who + ": the invocation failed: " + function.warmUp().failure(), todo));
        continue;
      }
      WarmUp warmUp = function.warmUp().value().get();
      if (!warmUp.functionError().isEmpty() || warmUp.statusCode() != 200) {
        verdicts.add(Verdict.block(check, who + ": answered with " + (warmUp.functionError().isEmpty()
            ? "status " + warmUp.statusCode() : "a function error (" + warmUp.functionError() + ")")
            + ": " + shortened(warmUp.payload()), todo));
      } else if (!warmUp.payload().replace(" ", "").contains("\"warm\":true")) {
        verdicts.add(Verdict.warn(check, who + ": ran, but did not answer as a warm-up (a version built before"
            + " warm-ups were answered handles it as an event of its own): " + shortened(warmUp.payload()),
            "deploy the current build (`sam deploy --region " + facts.region() + "`)"));
      } else {
        warmed++;
      }
    }
    if (warmed > 0) {
      verdicts.add(0, Verdict.ok(check, warmed + " of " + facts.functions().size() + " functions answered {\"warm\": true}"));
    }
    return verdicts;
  }

  /**
   * The account's concurrency quota covers the reservations, the 100 Lambda keeps unreserved and
   * what the peak runs at once; and how long Lambda takes to scale to it from a quiet stack.
   */
  static List<Verdict> concurrency(Facts facts, SaleCapacity capacity) {
    String check = "concurrency";
    List<Verdict> verdicts = new ArrayList<>();
    int reserved = facts.maintenanceReservedConcurrency().orElse(0);
    if (facts.maintenanceReservedConcurrency().isPresent() && reserved == 0) {
      verdicts.add(Verdict.warn(check, "the maintenance function has no reserved concurrency"
          + " (MaintenanceReservedConcurrency=0): a burst of API traffic can throttle admission",
          "once the quota below is raised, deploy with MaintenanceReservedConcurrency=3 (the default)"));
    }
    long needed = reserved + SaleCapacity.UNRESERVED_MINIMUM + capacity.concurrency();
    String need = String.format(Locale.ROOT, "%,d reserved + %,d Lambda keeps unreserved + %,d at the peak of %,d joins/s"
        + " (%d ms a join, %d ms a poll, %,d polls/s) = %,d", reserved, SaleCapacity.UNRESERVED_MINIMUM,
        capacity.concurrency(), capacity.peakJoinsPerSecond(), SaleCapacity.JOIN_MILLIS, SaleCapacity.POLL_MILLIS,
        capacity.pollRequests(), needed);
    if (facts.accountConcurrency().value().isEmpty()) {
      verdicts.add(Verdict.block(check, "could not read the account's Lambda concurrency quota ("
          + facts.accountConcurrency().failure() + "); the sale needs " + need,
          "allow lambda:GetAccountSettings, or compare `aws lambda get-account-settings --region " + facts.region()
              + "` yourself"));
      return verdicts;
    }
    int quota = facts.accountConcurrency().value().get();
    if (quota < needed) {
      verdicts.add(Verdict.block(check, String.format(Locale.ROOT, "the account's Lambda concurrency quota is %,d"
          + " in %s; the sale needs %s", quota, facts.region(), need),
          String.format(Locale.ROOT, "ask for a quota increase to at least %,d (Service Quotas, AWS Lambda,"
              + " \"Concurrent executions\", in %s); it can take days", needed, facts.region())));
    } else {
      verdicts.add(Verdict.ok(check, String.format(Locale.ROOT, "the quota of %,d covers %s", quota, need)));
    }
    if (capacity.concurrency() > 1000) {
      long seconds = (capacity.concurrency() + 999) / 1000 * 10;
      verdicts.add(Verdict.warn(check, String.format(Locale.ROOT, "Lambda adds at most 1,000 environments per"
          + " function every 10 s: %,d at once takes about %d s to reach from a quiet stack", capacity.concurrency(), seconds),
          "run preflight (it warms every function) shortly before the opening; provisioned concurrency on JoinQueue and"
              + " QueueStatus for a sale that cannot wait that long"));
    }
    return verdicts;
  }

  /** How long the expected fans need to sign in at the identity provider's rate. */
  static List<Verdict> signIn(Expected expected) {
    String check = "sign-in";
    String rate = String.format(Locale.ROOT, "%,.0f/s", expected.signInRate()) + (expected.signInRateGiven() ? ""
        : " (Cognito's default user-authentication quota; this tool cannot read Service Quotas: give --sign-in-rate"
            + " if yours was raised)");
    if (expected.fans().isEmpty()) {
      return List.of(Verdict.warn(check, "not checked: how many fans will sign in at " + rate + " is not known",
          "give --expected-fans N"));
    }
    long fans = expected.fans().getAsLong();
    Duration takes = Duration.ofSeconds((long) Math.ceil(fans / expected.signInRate()));
    String finding = String.format(Locale.ROOT, "%,d fans take %s to sign in at %s", fans, words(takes), rate);
    if (takes.compareTo(OPENING_MINUTE) <= 0) {
      return List.of(Verdict.ok(check, finding));
    }
    long perSecondForADay = (long) Math.ceil(fans / (double) SIGN_IN_WINDOW.toSeconds());
    if (takes.compareTo(SIGN_IN_WINDOW) <= 0) {
      return List.of(Verdict.warn(check, finding + ": they cannot all sign in at the opening",
          "fans must sign in before the opening: ask them to sign in from at least " + words(takes)
              + " before it (the web app keeps the session), or raise the provider's authentication quota to "
              + String.format(Locale.ROOT, "%,d/s", (long) Math.ceil(fans / (double) OPENING_MINUTE.toSeconds()))
              + " for all of them in the opening minute"));
    }
    return List.of(Verdict.block(check, finding + ": longer than " + words(SIGN_IN_WINDOW) + ", the most an access"
            + " token lasts, so even fans who sign in early cannot all hold a valid one at the opening",
        String.format(Locale.ROOT, "raise the provider's authentication quota to at least %,d/s (and ask fans to sign"
            + " in the day before)", perSecondForADay)));
  }

  /** The two rush routes' throttles cover the peak's joins and polls. */
  static List<Verdict> routes(Facts facts, SaleCapacity capacity) {
    String check = "route throttles";
    if (facts.api().value().isEmpty()) {
      return List.of(Verdict.block(check, "could not read the HTTP API's stage (" + facts.api().failure() + ")",
          "allow apigateway:GET on the API, or read `aws apigatewayv2 get-stage --region " + facts.region() + "` yourself"));
    }
    ApiFacts api = facts.api().value().get();
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(route(api, JOIN_ROUTE, capacity.joinRequests(), "joins"));
    verdicts.add(route(api, STATUS_ROUTE, capacity.pollRequests(), "polls in the busiest second"));
    return verdicts;
  }

  private static Verdict route(ApiFacts api, String routeKey, long needed, String what) {
    String check = "route throttles";
    Throttle throttle = api.route(routeKey);
    String own = api.routes().containsKey(routeKey) ? "" : " (the stage's default)";
    if (throttle.rate().isEmpty()) {
      return Verdict.ok(check, routeKey + " has no throttle of its own" + own + ": only the account's limits apply");
    }
    double rate = throttle.rate().get();
    String finding = String.format(Locale.ROOT, "%s is throttled at %,.0f requests/s%s, burst %s; the peak sends %,d %s",
        routeKey, rate, own, throttle.burst().map(b -> String.format(Locale.ROOT, "%,d", b)).orElse("none"), needed, what);
    if (rate < needed) {
      return Verdict.block(check, finding, String.format(Locale.ROOT, "raise its ThrottlingRateLimit (and"
          + " ThrottlingBurstLimit) in template.yaml's RouteSettings to at least %,d, within the account's quota,"
          + " and deploy", needed));
    }
    return Verdict.ok(check, finding);
  }

  /** The account's API Gateway quota (every API of the region shares it) covers the busiest second, and its burst the first one's joins. */
  static List<Verdict> apiAccount(Facts facts, SaleCapacity capacity) {
    String check = "API Gateway account";
    if (facts.apiAccount().value().isEmpty()) {
      return List.of(Verdict.block(check, "could not read the account's throttle (" + facts.apiAccount().failure() + ")",
          "allow apigateway:GET on /account, or read `aws apigateway get-account --region " + facts.region() + "` yourself"));
    }
    Throttle account = facts.apiAccount().value().get();
    List<Verdict> verdicts = new ArrayList<>();
    double rate = account.rate().orElse(0.0);
    String finding = String.format(Locale.ROOT, "%,.0f requests/s in %s; the peak's busiest second sends %,d (%,d joins"
        + " and %,d polls)", rate, facts.region(), capacity.apiRequests(), capacity.joinRequests(), capacity.pollRequests());
    verdicts.add(rate < capacity.apiRequests()
        ? Verdict.block(check, finding, String.format(Locale.ROOT, "ask for a quota increase to at least %,d requests/s"
            + " (Service Quotas, Amazon API Gateway, \"Throttle rate\", in %s), then raise the route throttles",
            capacity.apiRequests(), facts.region()))
        : Verdict.ok(check, finding));
    int burst = account.burst().orElse(0);
    String burstFinding = String.format(Locale.ROOT, "a burst of %,d requests; the opening's first second brings %,d joins",
        burst, capacity.joinRequests());
    verdicts.add(burst < capacity.joinRequests()
        ? Verdict.warn(check, burstFinding + " on top of the pre-queue's polls", "ask for the burst to be raised with the rate")
        : Verdict.ok(check, burstFinding));
    return verdicts;
  }

  /** The table's and each index's warm throughput take the peak at once (an on-demand table otherwise doubles over minutes). */
  static List<Verdict> table(Facts facts, SaleCapacity capacity) {
    String check = "table warm throughput";
    if (facts.table().value().isEmpty()) {
      return List.of(Verdict.block(check, "could not describe the table (" + facts.table().failure() + ")",
          "allow dynamodb:DescribeTable on it, or read `aws dynamodb describe-table --region " + facts.region() + "` yourself"));
    }
    TableFacts table = facts.table().value().get();
    List<Verdict> verdicts = new ArrayList<>();
    String todo = "raise TableWarmWriteUnits / TableWarmReadUnits (`sam deploy --region " + facts.region()
        + " --parameter-overrides ...`) to at least %,d / %,d a day before the sale, once (it cannot be lowered); past"
        + " 40,000 the table throughput quota goes first";
    todo = String.format(Locale.ROOT, todo, capacity.tableWriteUnits(), capacity.tableReadUnits());
    verdicts.add(warm(table.name(), table.table(), capacity.tableWriteUnits(), capacity.tableReadUnits(), todo));
    for (Map.Entry<String, Warm> index : table.indexes().entrySet()) {
      verdicts.add(warm(table.name() + " index " + index.getKey(), index.getValue(), capacity.indexWriteUnits(), 0, todo));
    }
    return verdicts;
  }

  private static Verdict warm(String what, Warm warm, long writes, long reads, String todo) {
    String check = "table warm throughput";
    String finding = String.format(Locale.ROOT, "%s takes %,d write and %,d read units/s at once (%s); the peak needs"
        + " %,d write%s", what, warm.writeUnits(), warm.readUnits(), warm.status(), writes,
        reads > 0 ? String.format(Locale.ROOT, " and %,d read", reads) : "");
    if (warm.writeUnits() < writes || warm.readUnits() < reads) {
      return Verdict.block(check, finding, todo);
    }
    if (!warm.status().equals("ACTIVE")) {
      return Verdict.warn(check, finding + ", still being raised", "run preflight again when it is ACTIVE");
    }
    return Verdict.ok(check, finding);
  }

  /** Someone hears the alarms: the topic has a confirmed subscription. */
  static List<Verdict> alarms(Facts facts) {
    String check = "alarm subscriptions";
    String subscribe = "deploy with AlarmEmail=<address> and confirm the mail AWS sends, or subscribe your paging tool:"
        + " aws sns subscribe --region " + facts.region() + " --topic-arn <AlarmTopicArn output> --protocol https"
        + " --notification-endpoint <url>";
    if (facts.alarmSubscriptions().value().isEmpty()) {
      return List.of(Verdict.block(check, "could not list the alarm topic's subscriptions ("
          + facts.alarmSubscriptions().failure() + ")", "allow sns:ListSubscriptionsByTopic, or list them yourself"));
    }
    List<Subscription> subscriptions = facts.alarmSubscriptions().value().get();
    List<Subscription> confirmed = subscriptions.stream().filter(Subscription::confirmed).toList();
    List<Subscription> pending = subscriptions.stream().filter(s -> !s.confirmed()).toList();
    if (subscriptions.isEmpty()) {
      return List.of(Verdict.block(check, "the alarm topic has no subscription: no one hears an alarm", subscribe));
    }
    if (confirmed.isEmpty()) {
      return List.of(Verdict.block(check, pending.size() + " subscription(s), none confirmed: "
          + endpoints(pending, s -> s.protocol() + " " + s.endpoint() + " " + s.arn()),
          "confirm it from the mail AWS sent (or the endpoint's confirmation request); AWS sends it again on"
              + " `aws sns subscribe`"));
    }
    return List.of(Verdict.ok(check, confirmed.size() + " confirmed: "
        + endpoints(confirmed, s -> s.protocol() + " " + s.endpoint())
        + (pending.isEmpty() ? "" : "; " + pending.size() + " still pending confirmation")));
  }

  private static String endpoints(List<Subscription> subscriptions, Function<Subscription, String> describe) {
    return String.join(", ", subscriptions.stream().map(describe).toList());
  }

  private static String shortened(String text) {
    String line = text.replace('\n', ' ');
    return line.length() <= 160 ? line : line.substring(0, 160) + "...";
  }

  /** "2 h 19 min", "1 day", "45 s": how long, at a glance. */
  static String words(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (duration.toDays() >= 1 && duration.toHoursPart() == 0 && duration.toMinutesPart() == 0) {
      return duration.toDays() == 1 ? "1 day" : duration.toDays() + " days";
    }
    long hours = duration.toHours();
    long minutes = duration.toMinutesPart() + (duration.toSecondsPart() > 0 ? 1 : 0);
    if (minutes == 60) {
      hours++;
      minutes = 0;
    }
    return hours == 0 ? minutes + " min" : hours + " h" + (minutes == 0 ? "" : " " + minutes + " min");
  }
}
