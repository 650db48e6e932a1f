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
    Duration holdTtl,
    int maxSeatsPerOrder,
    int maxTicketsPerUser) {
  /** A date has 50 seats: an order cannot have more. */
  static final int SEATS_PER_DATE = 50;
  /** DynamoDB's limit of items in one TransactWriteItems. */
  static final int TRANSACTION_ITEMS = 100;

  public Settings {
    if (maxSeatsPerOrder > SEATS_PER_DATE) {
      throw new IllegalArgumentException("MAX_SEATS_PER_ORDER must be at most " + SEATS_PER_DATE
          + " (the seats of a date), was " + maxSeatsPerOrder);
    }
    if (maxTicketsPerUser < maxSeatsPerOrder) {
      throw new IllegalArgumentException("MAX_TICKETS_PER_USER (" + maxTicketsPerUser
          + ") must not be below MAX_SEATS_PER_ORDER (" + maxSeatsPerOrder + "): a whole order must fit the limit");
    }
    // A hold's one transaction: its seats, the reservation, the ticket count, and one update per
    // expired hold of the caller's that the count still lists (at most MAX_TICKETS_PER_USER).
    if (maxSeatsPerOrder + 2 + maxTicketsPerUser > TRANSACTION_ITEMS) {
      throw new IllegalArgumentException("MAX_SEATS_PER_ORDER + MAX_TICKETS_PER_USER must be at most "
          + (TRANSACTION_ITEMS - 2) + ", so that a hold stays one transaction of at most " + TRANSACTION_ITEMS + " items");
    }
  }

  public static Settings fromEnvironment(Map<String, String> env) {
    return new Settings(
        text(env, "TABLE_NAME", "concert-reservation"),
        Optional.ofNullable(env.get("DYNAMODB_ENDPOINT")).filter(s -> !s.isBlank()).map(URI::create),
        text(env, "AWS_REGION", "us-east-1"),
        positive(env, "QUEUE_MAX_ACTIVE", 100),
        Duration.ofSeconds(positive(env, "ACTIVE_TTL_SECONDS", 600)),
        Duration.ofSeconds(positive(env, "ADMISSION_GRACE_SECONDS", 120)),
        Duration.ofSeconds(positive(env, "HOLD_TTL_SECONDS", 300)),
        positive(env, "MAX_SEATS_PER_ORDER", 4),
        positive(env, "MAX_TICKETS_PER_USER", 4));
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
