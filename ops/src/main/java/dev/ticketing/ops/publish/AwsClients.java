package dev.ticketing.ops.publish;

import dev.ticketing.ops.OperatorCredentials;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The four services publishing talks to, in the region asked for, with the operator's credentials.
 * {@code env} plays the process environment: its credentials win, as the SDK's chain reads them
 * first, and {@code AWS_ENDPOINT_URL} (the SDK's own variable) sends every call to one emulator.
 */
record AwsClients(CloudFormationClient cloudFormation, S3Client s3, CloudFrontClient cloudFront,
    CognitoIdentityProviderClient cognito) implements AutoCloseable {

  /** No region was given or configured: told before any call. */
  static final class NoRegion extends Exception {
    NoRegion() {
      super("no AWS region: give --region (the stack's, e.g. ap-northeast-2) or set AWS_REGION");
    }
  }

  static AwsClients create(Optional<String> region, Map<String, String> env) throws NoRegion {
    Region chosen = region.or(() -> value(env, "AWS_REGION")).map(Region::of).orElse(null);
    if (chosen == null) {
      try {
        chosen = new DefaultAwsRegionProviderChain().getRegion();
      } catch (SdkClientException e) {
        throw new NoRegion();
      }
    }
    AwsCredentialsProvider credentials = OperatorCredentials.from(env);
    Optional<URI> endpoint = value(env, "AWS_ENDPOINT_URL").map(URI::create);
    CloudFormationClient cloudFormation = configure(CloudFormationClient.builder()
        .httpClient(UrlConnectionHttpClient.create()), chosen, credentials, endpoint).build();
    // An emulator answers at one address: buckets in the path, not in the host name.
    S3Client s3 = configure(S3Client.builder().httpClient(UrlConnectionHttpClient.create())
        .forcePathStyle(endpoint.isPresent()), chosen, credentials, endpoint).build();
    // CloudFront is a global service: its endpoint is the same from every region.
    CloudFrontClient cloudFront = configure(CloudFrontClient.builder().httpClient(UrlConnectionHttpClient.create()),
        Region.AWS_GLOBAL, credentials, endpoint).build();
    CognitoIdentityProviderClient cognito = configure(CognitoIdentityProviderClient.builder()
        .httpClient(UrlConnectionHttpClient.create()), chosen, credentials, endpoint).build();
    return new AwsClients(cloudFormation, s3, cloudFront, cognito);
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region,
      AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    endpoint.ifPresent(builder::endpointOverride);
    return builder.region(region).credentialsProvider(credentials);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }

  @Override
  public void close() {
    cloudFormation.close();
    s3.close();
    cloudFront.close();
    cognito.close();
  }
}
