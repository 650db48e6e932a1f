package dev.ticketing.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a function reads from its environment, validated once at start-up. Names and
 * defaults are those of docs/api.md and template.yaml.
 */
public record Settings(
    String tableName,
    Optional<URI> dynamodbEndpoint,
    String region,
    String metricsNamespace,
    int queueMaxActive,
    Duration activeTtl,
    Duration admissionGrace,
    Duration holdTtl,
    Duration admissionRound,
    Duration maintenanceRun,
    int queueJoinShards,
    int queueStateReplicas,
    Duration placementSettle,
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
        // The stack's name in AWS (template.yaml), so two stacks in one account keep their metrics apart.
        text(env, "METRICS_NAMESPACE", "ConcertReservation"),
        positive(env, "QUEUE_MAX_ACTIVE", 100),
        Duration.ofSeconds(positive(env, "ACTIVE_TTL_SECONDS", 600)),
        Duration.ofSeconds(positive(env, "ADMISSION_GRACE_SECONDS", 120)),
        Duration.ofSeconds(positive(env, "HOLD_TTL_SECONDS", 300)),
        Duration.ofSeconds(positive(env, "ADMISSION_ROUND_SECONDS", 2)),
        // The schedule's minute and three rounds more, so the next invocation takes over before this
        // one stops (MaintenanceRounds). 0: one round per invocation (the local runtime's scheduler
        // ticks, `invoke`).
        Duration.ofSeconds(notNegative(env, "MAINTENANCE_RUN_SECONDS", 66)),
        // docs/design.md, "The queue at scale": K >= peak joins/s / 500; a join and its placement each write the shard.
        positive(env, "QUEUE_JOIN_SHARDS", 400),
        positive(env, "QUEUE_STATE_REPLICAS", 16),
        // A join whose write is slowed (throttled, retried) reaches the index after its arrival
        // time: placing only arrivals this old keeps the order of joins 3 s apart.
        Duration.ofSeconds(notNegative(env, "QUEUE_PLACEMENT_SETTLE_SECONDS", 2)),
        positive(env, "MAX_SEATS_PER_ORDER", 4),
        positive(env, "MAX_TICKETS_PER_USER", 4));
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    return integer(env, name, fallback, 1, "a positive integer");
  }

  private static int notNegative(Map<String, String> env, String name, int fallback) {
    return integer(env, name, fallback, 0, "an integer of 0 or more");
  }

  private static int integer(Map<String, String> env, String name, int fallback, int least, String what) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= least) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be " + what + ", was '" + value + "'");
  }
}
