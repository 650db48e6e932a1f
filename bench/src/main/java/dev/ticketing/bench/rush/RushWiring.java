package dev.ticketing.bench.rush;

import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.engine.SamTemplate;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What the rush section's parts share: clients, the stage of a run, what template.yaml says, time. */
final class RushWiring {
  private RushWiring() {}

  /** A client configured as production's (`DynamoDbClients`), with the benchmark's interceptors. */
  static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
    return client(endpoint, true, null, interceptors);
  }

  /** A client as {@link #client(URI, ExecutionInterceptor...)} whose every attempt passes {@code throttle}. */
  static DynamoDbClient throttledClient(URI endpoint, boolean sdkRetries, IndexShadow shadow, ScaledThrottle throttle) {
    return client(endpoint, sdkRetries, throttle, shadow, throttle);
  }

  private static DynamoDbClient client(URI endpoint, boolean sdkRetries, ScaledThrottle throttle,
      ExecutionInterceptor... interceptors) {
    ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(Duration.ofSeconds(3))
        .apiCallTimeout(Duration.ofSeconds(8));
    if (!sdkRetries) {
      overrides.retryStrategy(AwsRetryStrategy.doNotRetry());
    }
    for (ExecutionInterceptor interceptor : interceptors) {
      overrides.addExecutionInterceptor(interceptor);
    }
    SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(3)).build();
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(throttle == null ? http : throttle.httpClient(http))
        .overrideConfiguration(overrides.build())
        .build();
  }

  /** A fresh table made from template.yaml and the stage of a run on it. */
  static QueueDesign.Stage stage(BenchEngine engine, SamTemplate template, String id) {
    String table = "rush-" + id;
    engine.createTable(table);
    return new QueueDesign.Stage(table, "rush-" + id, environment(template, table), Clock.systemUTC());
  }

  /** The functions' environment from template.yaml (scalar values), with this run's table. */
  static Map<String, String> environment(SamTemplate template, String table) {
    Map<String, String> env = new TreeMap<>();
    for (SamTemplate.FunctionDefinition function : template.functions()) {
      function.environment().forEach((name, value) -> {
        if (value instanceof String || value instanceof Number) {
          env.putIfAbsent(name, String.valueOf(value));
        }
      });
    }
    env.remove("JAVA_TOOL_OPTIONS");
    env.putIfAbsent("ADMISSION_ROUND_SECONDS", "2");  // docs/api.md's default
    env.put("TABLE_NAME", table);
    return env;
  }

  /** How long placement waits after an arrival (0 for a design that places at the join). */
  static long settleSeconds(QueueDesign.Stage stage) {
    return Long.parseLong(stage.environment().getOrDefault("QUEUE_PLACEMENT_SETTLE_SECONDS", "0"));
  }

  static Duration roundPeriod(QueueDesign.Stage stage) {
    return Duration.ofSeconds(Long.parseLong(stage.environment().get("ADMISSION_ROUND_SECONDS")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> globals(SamTemplate template) {
    Map<String, Object> tree = (Map<String, Object>) template.plainTree();
    Map<String, Object> globals = (Map<String, Object>) tree.getOrDefault("Globals", Map.of());
    return (Map<String, Object>) globals.getOrDefault("Function", Map.of());
  }

  static Duration functionTimeout(SamTemplate template) {
    return Duration.ofSeconds(Long.parseLong(String.valueOf(globals(template).getOrDefault("Timeout", "10"))));
  }

  static RushCost.Lambda lambda(SamTemplate template) {
    Map<String, Object> function = globals(template);
    int memory = Integer.parseInt(String.valueOf(function.getOrDefault("MemorySize", "1024")));
    return new RushCost.Lambda(memory, String.valueOf(function.getOrDefault("Architectures", "[arm64]")).contains("arm64"));
  }

  static long nextSecond() {
    return System.currentTimeMillis() / 1000 + 1;
  }

  static void sleepUntilSecond(long epochSecond) {
    long wait;
    while ((wait = epochSecond * 1000 - System.currentTimeMillis()) > 0) {
      LockSupport.parkNanos(wait * 1_000_000);
    }
  }

  /** The machine's load average over the last minute (Linux), as a sign of how much else ran beside the measurement. */
  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }

  static double percentile(double[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
  }
}
