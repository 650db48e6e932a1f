package dev.ticketing.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a function reads from its environment, validated once at start-up. Names and
 * defaults are those of API.md and template.yaml.
 */
public record Settings(
    String tableName,
    Optional<URI> dynamodbEndpoint,
    String region,
    int queueMaxActive,
    Duration activeTtl,
    Duration admissionGrace,
    Duration holdTtl) {

  public static Settings fromEnvironment(Map<String, String> env) {
    return new Settings(
        text(env, "TABLE_NAME", "concert-reservation"),
        Optional.ofNullable(env.get("DYNAMODB_ENDPOINT")).filter(s -> !s.isBlank()).map(URI::create),
        text(env, "AWS_REGION", "us-east-1"),
        positive(env, "QUEUE_MAX_ACTIVE", 100),
        Duration.ofSeconds(positive(env, "ACTIVE_TTL_SECONDS", 600)),
        Duration.ofSeconds(positive(env, "ADMISSION_GRACE_SECONDS", 120)),
        Duration.ofSeconds(positive(env, "HOLD_TTL_SECONDS", 300)));
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive integer, was '" + value + "'");
  }
}
