package dev.ticketing.ops;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The operator's AWS credentials for every command: the keys the given environment names (as the
 * SDK's chain reads them first), else the SDK's default chain (profile, SSO, instance role). The
 * environment is passed in rather than read, so that tests run a command in an environment of
 * their own.
 */
public final class OperatorCredentials {
  private OperatorCredentials() {}

  public static AwsCredentialsProvider from(Map<String, String> env) {
    Optional<String> key = value(env, "AWS_ACCESS_KEY_ID");
    Optional<String> secret = value(env, "AWS_SECRET_ACCESS_KEY");
    if (key.isEmpty() || secret.isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(value(env, "AWS_SESSION_TOKEN")
        .<AwsCredentials>map(token -> AwsSessionCredentials.create(key.get(), secret.get(), token))
        .orElseGet(() -> AwsBasicCredentials.create(key.get(), secret.get())));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }
}
