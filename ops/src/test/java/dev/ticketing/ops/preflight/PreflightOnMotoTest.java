package dev.ticketing.ops.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.MotoExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.ops.preflight.AwsFacts.StackDescription;
import dev.ticketing.ops.preflight.Facts.FunctionFacts;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The adapter's wiring against moto, where moto implements the calls: the stack (CloudFormation:
 * the table with its warm throughput, the alarm topic, a role), a function published behind
 * {@code live} and invoked through it, the HTTP API's stage, the API Gateway account and the
 * topic's subscriptions. moto's CloudFormation creates no function, alias or HTTP API, so those are
 * made with their own calls and added to the stack as read; it has no Lambda account settings, so
 * that fact is one that could not be read. What moto cannot answer (an Inactive version, a pending
 * subscription, a quota of 10) is in {@link PreflightRecordedTest}.
 */
@ExtendWith(MotoExtension.class)
class PreflightOnMotoTest {
  private static final String REGION = "ap-northeast-2";

  @Test
  void the_adapter_reads_a_stack_from_moto(TestTable moto) throws Exception {
    URI endpoint = moto.endpoint();
    String stack = "preflight-" + UUID.randomUUID().toString().substring(0, 8);
    // moto runs an invocation without docker, answering what it is told to
    post(endpoint, "/moto-api/config", "{\"lambda\": {\"use_docker\": false}}");
    try (AwsClients aws = AwsClients.of(Region.of(REGION),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("moto", "moto")), Optional.of(endpoint))) {
      String template = resource("/preflight/moto-stack.json");
      aws.cloudFormation().createStack(r -> r.stackName(stack).templateBody(template));
      StackDescription described = AwsFacts.describe(aws, stack, REGION);
      String function = stack + "-JoinQueue";
      SdkBytes code = SdkBytes.fromByteArray(zip());
      aws.lambda().createFunction(r -> r.functionName(function).runtime(Runtime.JAVA21).handler("h::handleRequest")
          .role(described.outputs().get("JoinQueueRoleArn")).code(c -> c.zipFile(code)));
      String version = aws.lambda().publishVersion(r -> r.functionName(function)).version();
      aws.lambda().createAlias(r -> r.functionName(function).name("live").functionVersion(version));
      String api = aws.apiGatewayV2().createApi(r -> r.name(stack).protocolType(ProtocolType.HTTP)).apiId();
      aws.apiGatewayV2().createStage(r -> r.apiId(api).stageName("$default")
          .defaultRouteSettings(RouteSettings.builder().throttlingBurstLimit(400).throttlingRateLimit(200.0).build())
          .routeSettings(Map.of(Checks.JOIN_ROUTE, RouteSettings.builder().throttlingBurstLimit(7000)
              .throttlingRateLimit(3500.0).build())));
      aws.sns().subscribe(r -> r.topicArn(described.outputs().get("AlarmTopicArn")).protocol("email")
          .endpoint("oncall@example.com"));
      post(endpoint, "/moto-api/static/lambda-simple/response",
          "{\"results\": [\"{\\\"warm\\\":true,\\\"function\\\":\\\"" + function + "\\\"}\"], \"region\": \"" + REGION + "\"}");

      Facts facts = AwsFacts.gather(aws, described.with("JoinQueueFunction", "AWS::Lambda::Function", function)
          .with("HttpApi", "AWS::ApiGatewayV2::Api", api), REGION);

      assertThat(facts.maintenanceReservedConcurrency()).isEqualTo(OptionalInt.of(3));
      assertThat(facts.functions()).singleElement().satisfies((FunctionFacts join) -> {
        assertThat(join.name()).isEqualTo(function);
        assertThat(join.live().value()).as(join.live().failure()).hasValueSatisfying(live -> {
          assertThat(live.version()).isEqualTo(version);
          assertThat(live.state()).isEqualTo("Active");
        });
        assertThat(join.warmUp().value()).as(join.warmUp().failure()).hasValueSatisfying(warm -> {
          assertThat(warm.statusCode()).isEqualTo(200);
          assertThat(warm.payload()).isEqualTo("{\"warm\":true,\"function\":\"" + function + "\"}");
        });
      });
      assertThat(facts.table().value()).as(facts.table().failure()).hasValueSatisfying(table -> {
        assertThat(table.name()).isEqualTo(described.outputs().get("TableName"));
        assertThat(table.table()).isEqualTo(new Facts.Warm(12000, 4000, "ACTIVE"));
        assertThat(table.indexes()).containsOnlyKeys("gsi1", "gsi2")
            .allSatisfy((name, warm) -> assertThat(warm).isEqualTo(new Facts.Warm(12000, 4000, "ACTIVE")));
      });
      assertThat(facts.api().value()).as(facts.api().failure()).hasValueSatisfying(stage -> {
        assertThat(stage.route(Checks.JOIN_ROUTE)).isEqualTo(new Facts.Throttle(Optional.of(3500.0), Optional.of(7000)));
        assertThat(stage.route(Checks.STATUS_ROUTE)).isEqualTo(new Facts.Throttle(Optional.of(200.0), Optional.of(400)));
      });
      assertThat(facts.apiAccount().value()).as(facts.apiAccount().failure()).isPresent();
      assertThat(facts.alarmSubscriptions().value()).as(facts.alarmSubscriptions().failure())
          .hasValueSatisfying(subscriptions -> assertThat(subscriptions).singleElement()
              .satisfies(s -> assertThat(s.endpoint()).isEqualTo("oncall@example.com")));
      assertThat(facts.accountConcurrency().value()).as("moto has no Lambda account settings").isEmpty();

      assertThat(Checks.all(facts, new Expected(new SaleCapacity(1000), OptionalLong.of(5000), 120, false)))
          .filteredOn(v -> v.level() == Verdict.Level.BLOCK).extracting(Verdict::check)
          .as("what moto cannot tell, and the status route left at the stage's default of 200/s for 1,500 polls")
          .containsExactly("concurrency", "route throttles");
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = PreflightOnMotoTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A function's code: moto stores it and never runs it. */
  private static byte[] zip() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("placeholder.txt"));
      zip.write("not run".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static void post(URI endpoint, String path, String json) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
  }
}
