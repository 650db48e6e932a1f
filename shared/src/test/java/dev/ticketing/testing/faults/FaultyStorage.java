package dev.ticketing.testing.faults;

import dev.ticketing.engine.junit.TestTable;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A test table reached through a {@link FaultInjector}, with the production client's retry behaviour. */
public class FaultyStorage implements AutoCloseable {
  /** How the client pauses between the retries of a call. */
  public enum Pauses {
    /** The SDK's own backoff, as in production (up to seconds for a throttle): for drills of what production shows. */
    SDK_BACKOFF,
    /**
     * None: the same retry strategy (DynamoDB's default: which errors it retries, 9 attempts)
     * without its pauses, for tests of what a call's outcome leaves in the table. A fault plan
     * counts attempts, not seconds, so the backoff's real time proves nothing there. The attempt
     * and call timeouts stay, so a stalled attempt still times out as in production; but the
     * injected stall ({@link Fault#TIMEOUT}) is not waited out either: the client's timers
     * ({@link StallableTimers}) fire as soon as the proxy stalls the attempt, in the order and
     * number they would in real time, while every other attempt keeps its real timeouts.
     */
    NONE
  }

  /** Short, so stalled attempts time out quickly; production uses seconds. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(300);
  /** Bounds a call with all its retries, as production's client does (with 8 s). */
  public static final Duration API_CALL_TIMEOUT = Duration.ofMillis(1500);

  public final FaultInjector faults;
  public final TestTable table;
  private final Optional<StallableTimers> timers;

  public FaultyStorage(TestTable healthy) {
    this(healthy, API_CALL_TIMEOUT);
  }

  /** With a longer bound of a call: a test that needs a fault absorbed however slowly the machine runs the SDK's backoff. */
  public FaultyStorage(TestTable healthy, Duration apiCallTimeout) {
    this(healthy, apiCallTimeout, Pauses.SDK_BACKOFF);
  }

  /** With the pauses between retries of the test's choosing ({@link Pauses#NONE}: no real time spent backing off). */
  public FaultyStorage(TestTable healthy, Pauses pauses) {
    this(healthy, ATTEMPT_TIMEOUT, API_CALL_TIMEOUT, pauses);
  }

  private FaultyStorage(TestTable healthy, Duration apiCallTimeout, Pauses pauses) {
    this(healthy, ATTEMPT_TIMEOUT, apiCallTimeout, pauses);
  }

  /**
   * With production's timeouts (3 s an attempt, 8 s a call, as {@code DynamoDbClients} sets them),
   * for tests whose faults never stall an attempt (answers with keys left unprocessed): there a
   * short timeout only decides whether this machine, busy with other tests, answered a healthy
   * attempt in time, and a retried attempt would meet the fault a second time.
   */
  public static FaultyStorage withProductionTimeouts(TestTable healthy) {
    return new FaultyStorage(healthy, Duration.ofSeconds(3), Duration.ofSeconds(8), Pauses.SDK_BACKOFF);
  }

  private FaultyStorage(TestTable healthy, Duration attemptTimeout, Duration apiCallTimeout, Pauses pauses) {
    this.timers = pauses == Pauses.NONE ? Optional.of(new StallableTimers()) : Optional.empty();
    this.faults = new FaultInjector(healthy.endpoint(), attemptTimeout, timers);
    ClientOverrideConfiguration.Builder configuration = ClientOverrideConfiguration.builder()
        .addExecutionInterceptor(faults)
        .apiCallAttemptTimeout(attemptTimeout)
        .apiCallTimeout(apiCallTimeout);
    timers.ifPresent(configuration::scheduledExecutorService);
    DynamoDbClient client = client(healthy, configuration.build());
    if (pauses == Pauses.NONE) {
      // The strategy the client resolved (DynamoDB's: 9 attempts, its retryable errors), pauses
      // taken out; a strategy built from scratch, or the builder's retryStrategy(configurator),
      // would fall back to the SDK's generic defaults (4 attempts).
      RetryStrategy resolved = client.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow();
      client.close();
      client = client(healthy, configuration.retryStrategy(resolved.toBuilder()
          .backoffStrategy(BackoffStrategy.retryImmediately())
          .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
          .build()).build());
    }
    this.table = new TestTable(healthy.name(), client, healthy.endpoint(), healthy.target() + "+faults");
  }

  private static DynamoDbClient client(TestTable healthy, ClientOverrideConfiguration configuration) {
    return DynamoDbClient.builder()
        .endpointOverride(healthy.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(configuration)
        .build();
  }

  @Override
  public void close() {
    table.client().close();
    faults.close();
    timers.ifPresent(StallableTimers::shutdownNow);
  }
}
