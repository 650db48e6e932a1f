package dev.ticketing.ops.preflight;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What AWS said about one stack, gathered before any check runs ({@link AwsFacts}); the checks
 * ({@link Checks}) are pure functions of it. A fact AWS would not give is kept with the reason
 * ({@link Fact#failure}), and the check it feeds says it could not tell.
 */
record Facts(
    String stack,
    String region,
    List<FunctionFacts> functions,
    OptionalInt maintenanceReservedConcurrency,
    Fact<Integer> accountConcurrency,
    Fact<ApiFacts> api,
    Fact<Throttle> apiAccount,
    Fact<TableFacts> table,
    Fact<List<Subscription>> alarmSubscriptions) {

  /** A value AWS gave, or why it gave none. */
  record Fact<T>(Optional<T> value, String failure) {
    static <T> Fact<T> of(T value) {
      return new Fact<>(Optional.of(value), "");
    }

    static <T> Fact<T> failed(String why) {
      return new Fact<>(Optional.empty(), why);
    }
  }

  /** One function of the stack: its {@code live} alias's version, and how it answered the warm-up. */
  record FunctionFacts(String logicalId, String name, Fact<LiveVersion> live, Fact<WarmUp> warmUp) {}

  /** The version the alias points at and its state (Active, Inactive, Pending, Failed) with Lambda's reason. */
  record LiveVersion(String version, String state, String stateReason) {}

  /** A direct invocation of {@code {"warm": true}}: Lambda's status, its function error if any, the answer. */
  record WarmUp(int statusCode, String functionError, String payload) {}

  /** A rate (requests a second) and a burst; either absent where nothing limits it. */
  record Throttle(Optional<Double> rate, Optional<Integer> burst) {}

  /** The HTTP API's stage: its routes' own throttles and the default for every other route. */
  record ApiFacts(String apiId, String stage, Throttle defaultRoute, Map<String, Throttle> routes) {
    /** The throttle a route gets: its own, else the stage's default. */
    Throttle route(String routeKey) {
      return routes.getOrDefault(routeKey, defaultRoute);
    }
  }

  /** Read and write units a second a table or index can take at once (DynamoDB warm throughput). */
  record Warm(long readUnits, long writeUnits, String status) {}

  record TableFacts(String name, Warm table, Map<String, Warm> indexes) {}

  /** A subscription of the alarm topic: its ARN is "PendingConfirmation" until the endpoint confirms. */
  record Subscription(String arn, String protocol, String endpoint) {
    boolean confirmed() {
      return arn.startsWith("arn:");
    }
  }
}
