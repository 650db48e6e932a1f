package dev.ticketing.testing.faults;

import dev.ticketing.engine.junit.TestTable;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A test table reached through a {@link FaultInjector}, with the production client's retry behaviour. */
public class FaultyStorage implements AutoCloseable {
  /** Short, so stalled attempts time out quickly; production uses seconds. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(300);
  /** Bounds a call with all its retries, as production's client does (with 8 s). */
  public static final Duration API_CALL_TIMEOUT = Duration.ofMillis(1500);

  public final FaultInjector faults;
  public final TestTable table;

  public FaultyStorage(TestTable healthy) {
    this(healthy, API_CALL_TIMEOUT);
  }

  /** With a longer bound of a call: a test that needs a fault absorbed however slowly the machine runs the SDK's backoff. */
  public FaultyStorage(TestTable healthy, Duration apiCallTimeout) {
    this.faults = new FaultInjector(healthy.endpoint(), ATTEMPT_TIMEOUT);
    DynamoDbClient client = DynamoDbClient.builder()
        .endpointOverride(healthy.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .addExecutionInterceptor(faults)
            .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
            .apiCallTimeout(apiCallTimeout)
            .build())
        .build();
    this.table = new TestTable(healthy.name(), client, healthy.endpoint(), healthy.target() + "+faults");
  }

  @Override
  public void close() {
    table.client().close();
    faults.close();
  }
}
