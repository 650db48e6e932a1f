package dev.ticketing.functions.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import dev.ticketing.engine.SamTemplate.Intrinsic;
import dev.ticketing.functions.priming.Primed;
import dev.ticketing.maintenance.MaintenanceRounds;
import dev.ticketing.metrics.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * template.yaml is valid SAM, and agrees with the code and the sample events. (That every sample
 * event still fits its handler, the local module's InvokeCommandTest checks: each goes through
 * {@code invoke} and its response through openapi.yaml.)
 */
class TemplateTest {
  private static final Path ROOT = ProjectFiles.findUpwards(Path.of("template.yaml")).orElseThrow().getParent();
  private final SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void validates_against_the_sam_json_schema() throws IOException {
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/sam-schema/sam.schema.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    JsonNode tree = json.valueToTree(template.plainTree());
    Set<ValidationMessage> errors = schema.validate(tree);
    assertThat(errors).as("SAM schema violations").isEmpty();
  }

  @Test
  void every_handler_class_is_a_public_stream_handler_lambda_can_build() throws Exception {
    assertThat(template.functions()).isNotEmpty();
    for (FunctionDefinition function : template.functions()) {
      assertThat(function.handler()).as(function.logicalId()).endsWith("::handleRequest");
      Class<?> handler = Class.forName(function.handlerClass());
      assertThat(RequestStreamHandler.class).as(function.logicalId()).isAssignableFrom(handler);
      assertThat(Primed.class).as(function.logicalId() + " primes itself for SnapStart").isAssignableFrom(handler);
      assertThat(Modifier.isPublic(handler.getModifiers()) && !Modifier.isAbstract(handler.getModifiers()))
          .as(function.logicalId() + ": Lambda instantiates a public concrete class").isTrue();
      assertThat(Modifier.isPublic(handler.getConstructor().getModifiers()))
          .as(function.logicalId() + ": Lambda needs a public no-argument constructor").isTrue();
    }
  }

  @Test
  void every_function_has_a_sample_event_and_every_route_one_of_its_own() throws IOException {
    Set<String> covered = sampleEvents().keySet();
    for (FunctionDefinition function : template.functions()) {
      function.routes().forEach(route -> assertThat(covered).as("sample event for " + route.routeKey()).contains(route.routeKey()));
      if (!function.schedules().isEmpty()) {
        assertThat(covered).as("sample scheduled event for " + function.logicalId()).contains("aws.events");
      }
    }
  }

  @Test
  void the_table_keeps_its_aws_only_protections_and_ttl() {
    Map<String, Object> table = asMap(asMap(template.resources().get(template.table().logicalId())).get("Properties"));
    assertThat(table).containsEntry("BillingMode", "PAY_PER_REQUEST").containsEntry("DeletionProtectionEnabled", true);
    assertThat(asMap(table.get("PointInTimeRecoverySpecification"))).containsEntry("PointInTimeRecoveryEnabled", true);
    assertThat(template.table().ttlAttribute()).contains("ttl");
  }

  @Test
  void every_function_has_its_own_policy_without_wildcard_actions() {
    for (FunctionDefinition function : template.functions()) {
      List<?> policies = (List<?>) properties(function.logicalId()).get("Policies");
      assertThat(policies).as("policies of " + function.logicalId()).isNotEmpty();
      assertThat(policies.toString()).as("no wildcard actions").doesNotContain("dynamodb:*");
    }
  }

  /** The sample events by route key ({@code aws.events} for the scheduled one). */
  private Map<String, Path> sampleEvents() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("events"))) {
      return files.filter(p -> p.toString().endsWith(".json"))
          .collect(Collectors.toMap(this::routeKeyOrSource, p -> p));
    }
  }

  /** Lambda would otherwise create /aws/lambda/<name> itself, without retention, racing SnapStart's snapshot. */
  @Test
  void every_function_logs_into_a_group_the_template_creates_with_a_retention() {
    Map<String, Object> resources = template.resources();
    for (FunctionDefinition function : template.functions()) {
      Object group = asMap(properties(function.logicalId()).get("LoggingConfig")).get("LogGroup");
      assertThat(group).as("LoggingConfig.LogGroup of " + function.logicalId()).isInstanceOf(Intrinsic.class);
      Intrinsic ref = (Intrinsic) group;
      assertThat(ref.function()).isEqualTo("Ref");
      assertThat(asMap(resources.get(String.valueOf(ref.argument()))))
          .as("%s logs into a group of this template", function.logicalId()).containsEntry("Type", "AWS::Logs::LogGroup");
    }
    Set<String> functions = template.functions().stream().map(FunctionDefinition::logicalId).collect(Collectors.toSet());
    resources.forEach((id, value) -> {
      if (!"AWS::Logs::LogGroup".equals(asMap(value).get("Type"))) {
        return;
      }
      Map<String, Object> group = properties(id);
      assertThat(group.get("RetentionInDays")).as("retention of " + id).isNotNull();
      // A name made from the function would make the group wait for the function it must precede.
      assertThat(String.valueOf(group.get("LogGroupName"))).as("name of " + id)
          .contains("${AWS::StackName}").satisfies(name -> functions.forEach(f -> assertThat(name).doesNotContain(f)));
    });
  }

  @Test
  void every_property_change_reaches_the_live_alias() {
    Map<String, Object> globals = asMap(template.section("Globals").get("Function"));
    assertThat(globals).containsEntry("AutoPublishAlias", "live");
    template.functions().forEach(function -> assertThat(properties(function.logicalId())).as(function.logicalId())
        .doesNotContainKey("AutoPublishAlias").containsEntry("AutoPublishAliasAllProperties", true));
  }

  @Test
  void the_scheduled_function_is_not_retried_keeps_its_failures_and_has_reserved_concurrency() {
    List<FunctionDefinition> scheduled = template.functions().stream().filter(f -> !f.schedules().isEmpty()).toList();
    assertThat(scheduled).isNotEmpty();
    for (FunctionDefinition function : scheduled) {
      Map<String, Object> properties = properties(function.logicalId());
      assertThat(reservedConcurrencyByDefault(function.logicalId())).as("reserved concurrency").isGreaterThanOrEqualTo(2);
      Map<String, Object> invokeConfig = asMap(properties.get("EventInvokeConfig"));
      assertThat(invokeConfig).containsEntry("MaximumRetryAttempts", 0).containsEntry("MaximumEventAgeInSeconds", 60);
      Map<String, Object> onFailure = asMap(asMap(invokeConfig.get("DestinationConfig")).get("OnFailure"));
      assertThat(onFailure).containsEntry("Type", "SQS");
      Intrinsic destination = (Intrinsic) onFailure.get("Destination");
      assertThat(destination.function()).isEqualTo("GetAtt");
      String queue = String.valueOf(destination.argument()).replace(".Arn", "");
      assertThat(asMap(template.resources().get(queue))).as("the failure destination is a queue of this template")
          .containsEntry("Type", "AWS::SQS::Queue");
    }
  }

  @Test
  void the_scheduled_runs_overlap_by_a_round_or_more_and_every_round_fits_the_timeout() {
    FunctionDefinition scheduled = template.functions().stream().filter(f -> !f.schedules().isEmpty()).findFirst().orElseThrow();
    assertThat(scheduled.schedules()).extracting(SamTemplate.Schedule::expression).containsExactly("rate(1 minute)");
    Duration period = Duration.ofMinutes(1);
    Duration run = Duration.ofSeconds(Long.parseLong(String.valueOf(scheduled.environment().get("MAINTENANCE_RUN_SECONDS"))));
    Duration round = Duration.ofSeconds(Long.parseLong(String.valueOf(scheduled.environment().get("ADMISSION_ROUND_SECONDS"))));

    assertThat(run).as("the next run has started before this one's last round").isGreaterThanOrEqualTo(period.plus(round.multipliedBy(2)));
    assertThat(scheduled.timeout()).as("the last round starts with its budget left")
        .isGreaterThanOrEqualTo(run.plus(MaintenanceRounds.ROUND_BUDGET));
    assertThat(scheduled.timeout()).as("no more than two scheduled runs at once").isLessThan(period.multipliedBy(2));
    assertThat(reservedConcurrencyByDefault(scheduled.logicalId()))
        .as("two overlapping runs, and one more for a duplicate or a run by hand").isGreaterThanOrEqualTo(3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void cors_is_off_unless_origins_are_given_and_then_allows_what_the_web_app_sends() {
    Map<String, Object> origins = asMap(template.section("Parameters").get("CorsAllowedOrigins"));
    assertThat(origins).containsEntry("Default", "");
    Map<String, Object> api = template.resources().values().stream().map(TemplateTest::asMap)
        .filter(r -> "AWS::Serverless::HttpApi".equals(r.get("Type"))).map(r -> asMap(r.get("Properties"))).findFirst().orElseThrow();
    Intrinsic cors = (Intrinsic) api.get("CorsConfiguration");
    assertThat(cors.function()).isEqualTo("If");
    List<?> branches = (List<?>) cors.argument();
    assertThat(template.section("Conditions")).containsKey(String.valueOf(branches.get(0)));
    assertThat(branches.get(2)).isEqualTo(new Intrinsic("Ref", "AWS::NoValue"));
    Map<String, Object> enabled = asMap(branches.get(1));
    assertThat((List<Object>) enabled.get("AllowMethods")).containsExactlyInAnyOrder("GET", "POST", "DELETE");
    assertThat((List<Object>) enabled.get("AllowHeaders"))
        .containsExactlyInAnyOrder("authorization", "content-type", "x-queue-token", "idempotency-key");
    // Date (the app reads the server's clock from it) is not among the headers CORS always shows.
    assertThat((List<Object>) enabled.get("ExposeHeaders")).containsExactlyInAnyOrder("date", "retry-after");
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_capacity_plan_is_in_the_template_warm_table_and_route_throttles() {
    Map<String, Object> table = properties(template.table().logicalId());
    Map<String, Object> warm = asMap(table.get("WarmThroughput"));
    assertThat(warm).containsEntry("ReadUnitsPerSecond", new Intrinsic("Ref", "TableWarmReadUnits"))
        .containsEntry("WriteUnitsPerSecond", new Intrinsic("Ref", "TableWarmWriteUnits"));
    List<Object> indexes = (List<Object>) table.get("GlobalSecondaryIndexes");
    assertThat(indexes).allSatisfy(index -> assertThat(asMap(index)).as("every index warmed as the table")
        .containsEntry("WarmThroughput", warm));

    Map<String, Object> api = template.resources().values().stream().map(TemplateTest::asMap)
        .filter(r -> "AWS::Serverless::HttpApi".equals(r.get("Type"))).map(r -> asMap(r.get("Properties"))).findFirst().orElseThrow();
    Map<String, Object> routes = asMap(api.get("RouteSettings"));
    Set<String> routeKeys = template.functions().stream().flatMap(f -> f.routes().stream()).map(r -> r.routeKey())
        .collect(Collectors.toSet());
    assertThat(routeKeys).as("throttled routes exist").containsAll(routes.keySet());
    long budget = asNumber(asMap(api.get("DefaultRouteSettings")).get("ThrottlingRateLimit")) * (routeKeys.size() - routes.size())
        + routes.values().stream().mapToLong(r -> asNumber(asMap(r).get("ThrottlingRateLimit"))).sum();
    assertThat(budget).as("the routes' rates fit the account's default 10,000 requests/s").isLessThanOrEqualTo(10_000);
    assertThat(routes).containsKeys("POST /concerts/{concertId}/queue/tokens", "GET /queue/status");

  }

  @Test
  void every_function_has_its_errors_and_throttles_alarms() {
    Map<String, Map<String, Object>> alarms = alarms();
    for (FunctionDefinition function : template.functions()) {
      for (String metric : List.of("Errors", "Throttles")) {
        assertThat(alarms.values()).as("a %s alarm of %s", metric, function.logicalId()).anySatisfy(alarm -> {
          assertThat(alarm).containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", metric);
          assertThat(dimensions(alarm))
              .containsExactly(Map.of("Name", "FunctionName", "Value", new Intrinsic("Ref", function.logicalId())));
          assertThat(asNumber(alarm.get("Threshold"))).isEqualTo(1);
        });
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void every_alarm_notifies_one_topic_whose_e_mail_subscription_is_a_parameter() {
    String topic = resourcesOfType("AWS::SNS::Topic").keySet().stream().collect(onlyOne());
    alarms().forEach((id, alarm) -> {
      assertThat((List<Object>) alarm.get("AlarmActions")).as(id).containsExactly(new Intrinsic("Ref", topic));
      assertThat((List<Object>) alarm.get("OKActions")).as(id + " says when it is over").containsExactly(new Intrinsic("Ref", topic));
    });
    Map<String, Object> subscription = resourcesOfType("AWS::SNS::Subscription").values().stream().collect(onlyOne());
    assertThat(subscription).containsEntry("TopicArn", new Intrinsic("Ref", topic)).containsEntry("Protocol", "email");
    Intrinsic endpoint = (Intrinsic) subscription.get("Endpoint");
    assertThat(template.section("Parameters")).containsKey(String.valueOf(endpoint.argument()));
  }

  @Test
  void the_sale_alarms_watch_maintenance_the_queue_the_api_and_the_table() {
    Map<String, Map<String, Object>> alarms = alarms();
    Intrinsic ownNamespace = new Intrinsic("Ref", "AWS::StackName");

    Map<String, Object> heartbeat = alarmOf(alarms, "MaintenanceHeartbeat");
    assertThat(heartbeat).containsEntry("Namespace", ownNamespace).containsEntry("Statistic", "Sum")
        .containsEntry("ComparisonOperator", "LessThanThreshold").containsEntry("TreatMissingData", "breaching");
    assertThat(asNumber(heartbeat.get("Threshold"))).isEqualTo(1);
    assertThat(asNumber(heartbeat.get("Period")) * asNumber(heartbeat.get("EvaluationPeriods")))
        .as("no round completed for 3 minutes").isEqualTo(180);
    assertThat(heartbeat.get("DatapointsToAlarm")).isEqualTo(heartbeat.get("EvaluationPeriods"));

    Map<String, Object> stalled = alarmOf(alarms, "QueueStalledSeconds");
    assertThat(stalled).containsEntry("Namespace", ownNamespace).containsEntry("Statistic", "Maximum");

    // The failure queue the alarm watches is the scheduled function's failure destination.
    FunctionDefinition scheduled = template.functions().stream().filter(f -> !f.schedules().isEmpty()).findFirst().orElseThrow();
    Intrinsic destination = (Intrinsic) asMap(asMap(asMap(properties(scheduled.logicalId()).get("EventInvokeConfig"))
        .get("DestinationConfig")).get("OnFailure")).get("Destination");
    String queue = String.valueOf(destination.argument()).replace(".Arn", "");
    Map<String, Object> failures = alarmOf(alarms, "ApproximateNumberOfMessagesVisible");
    assertThat(dimensions(failures))
        .containsExactly(Map.of("Name", "QueueName", "Value", new Intrinsic("GetAtt", queue + ".QueueName")));
    assertThat(asNumber(failures.get("Threshold"))).as("one failed invocation is enough").isEqualTo(1);

    String api = resourcesOfType("AWS::Serverless::HttpApi").keySet().stream().collect(onlyOne());
    Map<String, Object> latency = alarmOf(alarms, "Latency");
    assertThat(latency).containsEntry("Namespace", "AWS/ApiGateway").containsEntry("ExtendedStatistic", "p99");
    assertThat(dimensions(latency)).containsExactly(Map.of("Name", "ApiId", "Value", new Intrinsic("Ref", api)));
    assertThat(mathAlarmReading(alarms, "5xx")).as("the 5xx rate is 5xx over all requests").contains("Count");
    Map<String, Object> throttled = alarms.values().stream().filter(a -> metricsOf(a).contains("ThrottledRequests"))
        .collect(onlyOne());
    assertThat(throttled.toString()).contains(new Intrinsic("Ref", template.table().logicalId()).toString())
        .contains("GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", "TransactWriteItems");
  }

  @Test
  void the_alarms_and_the_dashboard_read_only_metrics_the_code_emits_under_the_stacks_namespace() {
    Map<String, Object> globals = asMap(asMap(asMap(template.section("Globals").get("Function")).get("Environment"))
        .get("Variables"));
    assertThat(globals).containsEntry("METRICS_NAMESPACE", new Intrinsic("Sub", "${AWS::StackName}"));
    Set<String> emitted = Arrays.stream(Metric.values()).map(Metric::cloudWatchName).collect(Collectors.toSet());

    Set<String> alarmed = alarms().values().stream()
        .filter(alarm -> new Intrinsic("Ref", "AWS::StackName").equals(alarm.get("Namespace")))
        .map(alarm -> String.valueOf(alarm.get("MetricName"))).collect(Collectors.toSet());
    assertThat(alarmed).containsExactlyInAnyOrder("MaintenanceHeartbeat", "QueueStalledSeconds");
    assertThat(emitted).containsAll(alarmed);

    String body = dashboardBody();
    Set<String> shown = new java.util.TreeSet<>();
    // The namespace in double quotes (escaped, inside the JSON string): a stack name's hyphens need them.
    assertThat(body).as("no search names the namespace unquoted").doesNotContain("SEARCH('{${AWS::StackName}");
    Matcher searched = Pattern.compile("SEARCH\\('\\{\\\\\"\\$\\{AWS::StackName}\\\\\",[^}]*} MetricName=\\\\\"(\\w+)\\\\\"").matcher(body);
    while (searched.find()) {
      shown.add(searched.group(1));
    }
    Matcher listed = Pattern.compile("\\[\"\\$\\{AWS::StackName}\", \"(\\w+)\"").matcher(body);
    while (listed.find()) {
      shown.add(listed.group(1));
    }
    assertThat(shown).as("the dashboard's own metrics").hasSizeGreaterThan(15);
    assertThat(emitted).containsAll(shown);
  }

  @Test
  void one_dashboard_shows_the_sale_and_every_functions_errors_and_throttles() throws IOException {
    String body = dashboardBody();
    JsonNode widgets = json.readTree(body.replaceAll("\\$\\{[^}]+}", "x")).get("widgets");
    assertThat(widgets).as("valid dashboard JSON with widgets").isNotEmpty();
    for (FunctionDefinition function : template.functions()) {
      assertThat(body).as(function.logicalId() + " on the dashboard")
          .contains("\"Errors\", \"FunctionName\", \"${" + function.logicalId() + "}\"")
          .contains("\"Throttles\", \"FunctionName\", \"${" + function.logicalId() + "}\"");
    }
    alarms().keySet().stream().filter(id -> !id.endsWith("ErrorsAlarm") && !id.endsWith("ThrottlesAlarm"))
        .forEach(id -> assertThat(body).as("the alarm widget shows " + id).contains("${" + id + ".Arn}"));
  }

  @Test
  void the_api_writes_a_json_access_log_into_a_group_with_a_retention() throws IOException {
    String api = resourcesOfType("AWS::Serverless::HttpApi").keySet().stream().collect(onlyOne());
    Map<String, Object> settings = asMap(properties(api).get("AccessLogSettings"));
    Intrinsic destination = (Intrinsic) settings.get("DestinationArn");
    assertThat(destination.function()).isEqualTo("GetAtt");
    String group = String.valueOf(destination.argument()).replace(".Arn", "");
    assertThat(asMap(template.resources().get(group))).containsEntry("Type", "AWS::Logs::LogGroup");
    assertThat(properties(group).get("RetentionInDays")).isEqualTo(new Intrinsic("Ref", "LogRetentionDays"));
    JsonNode format = json.readTree(String.valueOf(settings.get("Format")));
    for (String field : List.of("requestId", "routeKey", "status", "responseLatency", "integrationError", "authorizerError")) {
      assertThat(format.has(field)).as("access log field " + field).isTrue();
    }
    assertThat(format.toString()).as("no user id in the access log").doesNotContain("claims");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> dimensions(Map<String, Object> alarm) {
    return (List<Object>) alarm.get("Dimensions");
  }

  private Map<String, Map<String, Object>> alarms() {
    return resourcesOfType("AWS::CloudWatch::Alarm");
  }

  /** The properties of each resource of {@code type}, by logical id. */
  private Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> found = new java.util.TreeMap<>();
    template.resources().forEach((id, resource) -> {
      if (type.equals(asMap(resource).get("Type"))) {
        found.put(id, properties(id));
      }
    });
    return found;
  }

  private static Map<String, Object> alarmOf(Map<String, Map<String, Object>> alarms, String metricName) {
    return alarms.values().stream().filter(alarm -> metricName.equals(alarm.get("MetricName"))).collect(onlyOne());
  }

  /** The metric names an alarm of metric math reads. */
  private static List<String> metricsOf(Map<String, Object> alarm) {
    return alarm.get("Metrics") instanceof List<?> metrics ? metrics.stream()
        .map(m -> asMap(asMap(asMap(m).get("MetricStat")).get("Metric")).get("MetricName"))
        .filter(java.util.Objects::nonNull).map(String::valueOf).toList() : List.of();
  }

  private static List<String> mathAlarmReading(Map<String, Map<String, Object>> alarms, String metricName) {
    return alarms.values().stream().map(TemplateTest::metricsOf).filter(names -> names.contains(metricName)).collect(onlyOne());
  }

  private String dashboardBody() {
    Map<String, Object> dashboard = resourcesOfType("AWS::CloudWatch::Dashboard").values().stream().collect(onlyOne());
    Intrinsic body = (Intrinsic) dashboard.get("DashboardBody");
    assertThat(body.function()).isEqualTo("Sub");
    return String.valueOf(body.argument());
  }

  private static <T> Collector<T, ?, T> onlyOne() {
    return Collectors.collectingAndThen(Collectors.toList(), list -> {
      assertThat(list).as("exactly one").hasSize(1);
      return list.get(0);
    });
  }

  private static long asNumber(Object value) {
    return Long.parseLong(String.valueOf(value));
  }

  /**
   * A function's reserved concurrency when deployed with the parameters' defaults. The property
   * takes a parameter, and is left out when that is 0 (an account whose concurrency quota cannot
   * spare a reservation: Lambda keeps 100 unreserved); any other value it allows is enough.
   */
  private int reservedConcurrencyByDefault(String logicalId) {
    Intrinsic reserved = (Intrinsic) properties(logicalId).get("ReservedConcurrentExecutions");
    assertThat(reserved.function()).as("a choice between the parameter and nothing").isEqualTo("If");
    List<?> branches = (List<?>) reserved.argument();
    Intrinsic parameter = (Intrinsic) branches.get(1);
    assertThat(parameter.function()).isEqualTo("Ref");
    assertThat(branches.get(2)).as("0: no reservation").isEqualTo(new Intrinsic("Ref", "AWS::NoValue"));
    assertThat(template.section("Conditions").get(String.valueOf(branches.get(0)))).as("reserved unless the parameter is 0")
        .isEqualTo(new Intrinsic("Not", List.of(new Intrinsic("Equals", List.of(parameter, "0")))));
    Map<String, Object> declared = asMap(template.section("Parameters").get(String.valueOf(parameter.argument())));
    int lowest = ((List<?>) declared.get("AllowedValues")).stream().mapToInt(v -> (int) asNumber(v)).filter(v -> v > 0).min()
        .orElseThrow();
    assertThat(lowest).as("the least reservation the parameter allows").isGreaterThanOrEqualTo(3);
    return (int) asNumber(declared.get("Default"));
  }

  private Map<String, Object> properties(String logicalId) {
    return asMap(asMap(template.resources().get(logicalId)).get("Properties"));
  }

  private String routeKeyOrSource(Path event) {
    try {
      JsonNode node = json.readTree(event.toFile());
      return node.hasNonNull("routeKey") ? node.get("routeKey").asText() : node.path("source").asText();
    } catch (IOException e) {
      throw new IllegalStateException(event + " is not JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
