package dev.ticketing.ops.preflight;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The clients {@code preflight} reads through, all in one region with the same credentials;
 * {@code endpoint} (an emulator, a recording's replay) serves every service when given.
 */
record AwsClients(CloudFormationClient cloudFormation, LambdaClient lambda, ApiGatewayV2Client apiGatewayV2,
    ApiGatewayClient apiGateway, DynamoDbClient dynamoDb, SnsClient sns) implements AutoCloseable {
  /** A warm-up restores a snapshot (a second or so); the maintenance function's answer comes at once too. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  static AwsClients of(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    return new AwsClients(build(CloudFormationClient.builder(), region, credentials, endpoint),
        build(LambdaClient.builder(), region, credentials, endpoint),
        build(ApiGatewayV2Client.builder(), region, credentials, endpoint),
        build(ApiGatewayClient.builder(), region, credentials, endpoint),
        build(DynamoDbClient.builder(), region, credentials, endpoint),
        build(SnsClient.builder(), region, credentials, endpoint));
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Region region,
      AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    builder.region(region).credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(config -> config.apiCallTimeout(TIMEOUT));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @Override
  public void close() {
    cloudFormation.close();
    lambda.close();
    apiGatewayV2.close();
    apiGateway.close();
    dynamoDb.close();
    sns.close();
  }
}
