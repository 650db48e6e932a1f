package dev.ticketing.engine;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A client for a local DynamoDB-compatible endpoint; any static credentials are accepted there. */
public final class LocalDynamoDb {
  private LocalDynamoDb() {}

  public static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
    ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder();
    for (ExecutionInterceptor interceptor : interceptors) {
      overrides.addExecutionInterceptor(interceptor);
    }
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(overrides.build())
        .build();
  }
}
