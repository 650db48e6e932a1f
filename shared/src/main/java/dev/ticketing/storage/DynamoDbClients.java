package dev.ticketing.storage;

import dev.ticketing.config.Settings;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The production client: the URL-connection HTTP client (the quickest to start on Lambda),
 * credentials from the SDK's default provider chain, and call timeouts short enough that a stuck
 * request becomes a 503 well inside the function's own timeout.
 */
public final class DynamoDbClients {
  /** How long the HTTP client waits to connect. */
  public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
  /** How long the HTTP client waits for the next bytes of an answer. */
  public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);

  private DynamoDbClients() {}

  public static DynamoDbClient create(Settings settings) {
    DynamoDbClientBuilder builder = DynamoDbClient.builder()
        .region(Region.of(settings.region()))
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECTION_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT)
            .build())
        .overrideConfiguration(callTimeouts());
    settings.dynamodbEndpoint().ifPresent(builder::endpointOverride);
    builder.credentialsProvider(credentials(settings));
    return builder.build();
  }

  /** The bounds of one attempt (3 s) and of a call with all its retries (8 s, within the function's 10 s). */
  public static ClientOverrideConfiguration callTimeouts() {
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(Duration.ofSeconds(3))
        .apiCallTimeout(Duration.ofSeconds(8))
        .build();
  }

  private static AwsCredentialsProvider credentials(Settings settings) {
    boolean environmentHasKeys = System.getenv("AWS_ACCESS_KEY_ID") != null;
    if (settings.dynamodbEndpoint().isPresent() && !environmentHasKeys) {
      // Local engines accept any signature; they still require one.
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
    // Under SnapStart, Lambda hands out credentials through the container credentials endpoint
    // (AWS_CONTAINER_CREDENTIALS_FULL_URI), not AWS_ACCESS_KEY_ID: only the whole chain finds them.
    return DefaultCredentialsProvider.builder().build();
  }
}
