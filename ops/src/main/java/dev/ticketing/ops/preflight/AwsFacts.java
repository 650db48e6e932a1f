package dev.ticketing.ops.preflight;

import dev.ticketing.ops.preflight.Facts.ApiFacts;
import dev.ticketing.ops.preflight.Facts.Fact;
import dev.ticketing.ops.preflight.Facts.FunctionFacts;
import dev.ticketing.ops.preflight.Facts.LiveVersion;
import dev.ticketing.ops.preflight.Facts.Subscription;
import dev.ticketing.ops.preflight.Facts.TableFacts;
import dev.ticketing.ops.preflight.Facts.Throttle;
import dev.ticketing.ops.preflight.Facts.Warm;
import dev.ticketing.ops.preflight.Facts.WarmUp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewayv2.model.GetStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Gathers {@link Facts} about one stack from AWS: its resources and parameters (CloudFormation),
 * each function's {@code live} alias and version state, a warm-up invocation of each (Lambda, the
 * only call that does anything: it starts an environment), the account's Lambda and API Gateway
 * quotas, the stage's route throttles, the table's warm throughput, and the alarm topic's
 * subscriptions. Everything but the stack itself is gathered even when some call fails: the check
 * it feeds says so.
 */
final class AwsFacts {
  static final String ALIAS = "live";
  static final String WARM_UP = "{\"warm\": true}";
  private static final String RESERVED_PARAMETER = "MaintenanceReservedConcurrency";
  private static final String MAINTENANCE = "MaintenanceFunction";

  /** The stack could not be read at all: nothing else is known. */
  static final class NoStack extends Exception {
    NoStack(String message) {
      super(message);
    }
  }

  private AwsFacts() {}

  /** A stack as CloudFormation describes it: its outputs, parameters and resources (type, logical and physical id). */
  record StackDescription(String name, Map<String, String> outputs, Map<String, String> parameters,
      List<Resource> resources) {
    record Resource(String logicalId, String type, String physicalId) {}

    /** This stack with one more resource (a test's, where an emulator's CloudFormation cannot create that type). */
    StackDescription with(String logicalId, String type, String physicalId) {
      List<Resource> more = new ArrayList<>(resources);
      more.add(new Resource(logicalId, type, physicalId));
      return new StackDescription(name, outputs, parameters, more);
    }

    Optional<String> physicalId(String type) {
      return resources.stream().filter(r -> r.type().equals(type)).map(Resource::physicalId).findFirst();
    }
  }

  static Facts gather(AwsClients aws, String stackName, String region) throws NoStack {
    return gather(aws, describe(aws, stackName, region), region);
  }

  static StackDescription describe(AwsClients aws, String stackName, String region) throws NoStack {
    try {
      Stack stack = aws.cloudFormation().describeStacks(r -> r.stackName(stackName)).stacks().get(0);
      Map<String, String> outputs = new LinkedHashMap<>();
      for (Output output : stack.outputs()) {
        outputs.put(output.outputKey(), output.outputValue());
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (Parameter parameter : stack.parameters()) {
        parameters.put(parameter.parameterKey(), parameter.parameterValue());
      }
      List<StackDescription.Resource> resources = new ArrayList<>();
      for (StackResourceSummary resource : aws.cloudFormation().listStackResourcesPaginator(r -> r.stackName(stackName))
          .stackResourceSummaries()) {
        if (resource.physicalResourceId() != null) {
          resources.add(new StackDescription.Resource(resource.logicalResourceId(), resource.resourceType(),
              resource.physicalResourceId()));
        }
      }
      return new StackDescription(stackName, outputs, parameters, resources);
    } catch (SdkException e) {
      throw new NoStack("could not read stack " + stackName + " in " + region + ": " + reason(e));
    }
  }

  static Facts gather(AwsClients aws, StackDescription stack, String region) {
    Map<String, String> outputs = stack.outputs();
    OptionalInt reserved = Optional.ofNullable(stack.parameters().get(RESERVED_PARAMETER))
        .map(value -> OptionalInt.of(Integer.parseInt(value))).orElse(OptionalInt.empty());

    List<FunctionFacts> functions = new ArrayList<>();
    Map<String, String> functionNames = new TreeMap<>(AwsFacts::maintenanceLast);
    for (StackDescription.Resource resource : stack.resources()) {
      if (resource.type().equals("AWS::Lambda::Function")) {
        functionNames.put(resource.logicalId(), resource.physicalId());
      }
    }
    Map<String, Fact<LiveVersion>> live = new LinkedHashMap<>();
    functionNames.forEach((logicalId, name) -> live.put(logicalId, fact(() -> liveVersion(aws, name))));
    // Only after every state is read: the warm-up of an Inactive version starts its restore.
    functionNames.forEach((logicalId, name) ->
        functions.add(new FunctionFacts(logicalId, name, live.get(logicalId), fact(() -> warmUp(aws, name)))));

    Optional<String> apiId = stack.physicalId("AWS::ApiGatewayV2::Api");
    String stage = stack.physicalId("AWS::ApiGatewayV2::Stage").orElse("$default");
    Fact<ApiFacts> api = apiId.isEmpty() ? Fact.failed("the stack has no HTTP API")
        : fact(() -> api(aws, apiId.get(), stage));
    Fact<Throttle> apiAccount = fact(() -> {
      var throttle = aws.apiGateway().getAccount(r -> { }).throttleSettings();
      return throttle == null ? new Throttle(Optional.empty(), Optional.empty())
          : new Throttle(Optional.ofNullable(throttle.rateLimit()), Optional.ofNullable(throttle.burstLimit()));
    });
    Optional<String> tableName = Optional.ofNullable(outputs.get("TableName"))
        .or(() -> stack.physicalId("AWS::DynamoDB::Table"));
    Fact<TableFacts> table = tableName.isEmpty() ? Fact.failed("the stack has no table")
        : fact(() -> table(aws, tableName.get()));
    Optional<String> topic = Optional.ofNullable(outputs.get("AlarmTopicArn"))
        .or(() -> stack.physicalId("AWS::SNS::Topic"));
    Fact<List<Subscription>> subscriptions = topic.isEmpty() ? Fact.failed("the stack has no alarm topic")
        : fact(() -> subscriptions(aws, topic.get()));
    Fact<Integer> concurrency = fact(() -> aws.lambda().getAccountSettings(r -> { }).accountLimit().concurrentExecutions());
    return new Facts(stack.name(), region, functions, reserved, concurrency, api, apiAccount, table, subscriptions);
  }

  /** The template's order is not the stack's: by name, with maintenance (not a route) last. */
  private static int maintenanceLast(String a, String b) {
    return a.equals(b) ? 0 : a.equals(MAINTENANCE) ? 1 : b.equals(MAINTENANCE) ? -1 : a.compareTo(b);
  }

  private static LiveVersion liveVersion(AwsClients aws, String function) {
    String version = aws.lambda().getAlias(r -> r.functionName(function).name(ALIAS)).functionVersion();
    GetFunctionConfigurationResponse configuration =
        aws.lambda().getFunctionConfiguration(r -> r.functionName(function).qualifier(version));
    return new LiveVersion(version, configuration.stateAsString() == null ? "" : configuration.stateAsString(),
        Optional.ofNullable(configuration.stateReason()).orElse(""));
  }

  private static WarmUp warmUp(AwsClients aws, String function) {
    InvokeResponse response = aws.lambda().invoke(r -> r.functionName(function).qualifier(ALIAS)
        .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromString(WARM_UP, StandardCharsets.UTF_8)));
    return new WarmUp(response.statusCode(), Optional.ofNullable(response.functionError()).orElse(""),
        response.payload() == null ? "" : response.payload().asUtf8String());
  }

  private static ApiFacts api(AwsClients aws, String apiId, String stageName) {
    GetStageResponse stage = aws.apiGatewayV2().getStage(r -> r.apiId(apiId).stageName(stageName));
    Map<String, Throttle> routes = new TreeMap<>();
    stage.routeSettings().forEach((route, settings) -> routes.put(route, throttle(settings)));
    return new ApiFacts(apiId, stageName, throttle(stage.defaultRouteSettings()), routes);
  }

  private static Throttle throttle(RouteSettings settings) {
    return settings == null ? new Throttle(Optional.empty(), Optional.empty())
        : new Throttle(Optional.ofNullable(settings.throttlingRateLimit()), Optional.ofNullable(settings.throttlingBurstLimit()));
  }

  private static TableFacts table(AwsClients aws, String name) {
    TableDescription table = aws.dynamoDb().describeTable(r -> r.tableName(name)).table();
    var warm = table.warmThroughput();
    Map<String, Warm> indexes = new TreeMap<>();
    for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
      var indexWarm = index.warmThroughput();
      indexes.put(index.indexName(), indexWarm == null ? new Warm(0, 0, "none")
          : new Warm(units(indexWarm.readUnitsPerSecond()), units(indexWarm.writeUnitsPerSecond()), indexWarm.statusAsString()));
    }
    return new TableFacts(name, warm == null ? new Warm(0, 0, "none")
        : new Warm(units(warm.readUnitsPerSecond()), units(warm.writeUnitsPerSecond()), warm.statusAsString()), indexes);
  }

  private static long units(Long value) {
    return value == null ? 0 : value;
  }

  private static List<Subscription> subscriptions(AwsClients aws, String topicArn) {
    List<Subscription> subscriptions = new ArrayList<>();
    aws.sns().listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn)).subscriptions().forEach(s ->
        subscriptions.add(new Subscription(s.subscriptionArn(), s.protocol(), s.endpoint())));
    return subscriptions;
  }

  private static <T> Fact<T> fact(Supplier<T> read) {
    try {
      return Fact.of(read.get());
    } catch (SdkException e) {
      return Fact.failed(reason(e));
    }
  }

  /** AWS's error code and message, without the request id and the SDK's decoration. */
  static String reason(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      String code = Optional.ofNullable(service.awsErrorDetails().errorCode()).orElse("status " + service.statusCode());
      return code + ": " + Optional.ofNullable(service.awsErrorDetails().errorMessage()).orElse("");
    }
    return e.getMessage();
  }
}
