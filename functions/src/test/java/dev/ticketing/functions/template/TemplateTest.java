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
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
      assertThat((Integer) properties.get("ReservedConcurrentExecutions")).as("reserved concurrency").isGreaterThanOrEqualTo(2);
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
    assertThat((List<Object>) enabled.get("ExposeHeaders")).containsExactly("retry-after");
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_capacity_plan_is_in_the_template_warm_table_route_throttles_and_an_optional_cdn_for_the_public_gets() {
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

    assertThat(template.section("Conditions")).containsKey("CdnEnabled");
    Map<String, Object> cdn = asMap(template.resources().get("CdnDistribution"));
    assertThat(cdn).containsEntry("Condition", "CdnEnabled");
    List<Object> cached = (List<Object>) asMap(asMap(cdn.get("Properties")).get("DistributionConfig")).get("CacheBehaviors");
    assertThat(cached.stream().map(b -> asMap(b).get("PathPattern"))).as("only the two public GETs are cached")
        .containsExactlyInAnyOrder("/concerts", "/concerts/*/queue");
    assertThat(cached).allSatisfy(b -> assertThat((List<Object>) asMap(b).get("AllowedMethods")).containsExactly("GET", "HEAD"));
    Map<String, Object> policy = asMap(asMap(properties("PublicReadsCachePolicy").get("CachePolicyConfig")));
    assertThat(asNumber(policy.get("MaxTTL"))).as("never older than the catalogue's 5 s").isLessThanOrEqualTo(5);
  }

  private static long asNumber(Object value) {
    return Long.parseLong(String.valueOf(value));
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
