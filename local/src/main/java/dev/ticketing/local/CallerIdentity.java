package dev.ticketing.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Who the operator's AWS credentials say they are, for the audit trail: the ARN STS's
 * GetCallerIdentity returns (it needs no permission). Against a local engine
 * ({@code DYNAMODB_ENDPOINT}) there is no AWS identity to tell, so none is asked for. CloudTrail
 * remains the authority on who called; this only saves looking it up.
 */
final class CallerIdentity {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private CallerIdentity() {}

  /** The caller's ARN, or empty (local engine, or STS could not tell: then a warning says why). */
  static String of(Map<String, String> env, PrintStream err) {
    String endpoint = env.get("DYNAMODB_ENDPOINT");
    if (endpoint != null && !endpoint.isBlank()) {
      return "";
    }
    try (StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .overrideConfiguration(config -> config.apiCallTimeout(TIMEOUT)).build()) {
      return sts.getCallerIdentity().arn();
    } catch (SdkException e) {
      err.println("warning: could not tell your AWS identity (" + e.getMessage()
          + "); the audit entry names only --operator");
      return "";
    }
  }
}
