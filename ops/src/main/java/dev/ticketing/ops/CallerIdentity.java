package dev.ticketing.ops;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * Who the operator's AWS credentials say they are, for the audit trail: the ARN STS's
 * GetCallerIdentity returns (it needs no permission). Against a local engine
 * ({@code DYNAMODB_ENDPOINT}) there is no AWS identity to tell, so none is asked for, unless an
 * STS endpoint is named too ({@code AWS_ENDPOINT_URL_STS}, the SDK's own variable). CloudTrail
 * remains the authority on who called; this only saves looking it up. {@code env} plays the
 * process environment: its credentials and region win, as the SDK's chain reads them first.
 */
final class CallerIdentity {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private CallerIdentity() {}

  /** The caller's ARN, or empty (local engine, or STS could not tell: then a warning says why). */
  static String of(Map<String, String> env, PrintStream err) {
    Optional<String> stsEndpoint = value(env, "AWS_ENDPOINT_URL_STS");
    if (value(env, "DYNAMODB_ENDPOINT").isPresent() && stsEndpoint.isEmpty()) {
      return "";
    }
    StsClientBuilder builder = StsClient.builder().httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(OperatorCredentials.from(env)).overrideConfiguration(config -> config.apiCallTimeout(TIMEOUT));
    stsEndpoint.ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
    value(env, "AWS_REGION").ifPresent(region -> builder.region(Region.of(region)));
    try (StsClient sts = builder.build()) {
      return sts.getCallerIdentity().arn();
    } catch (SdkException e) {
      err.println("warning: could not tell your AWS identity (" + e.getMessage()
          + "); the audit entry names only --operator");
      return "";
    }
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }
}
