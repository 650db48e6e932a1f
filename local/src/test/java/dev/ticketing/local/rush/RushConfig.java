package dev.ticketing.local.rush;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The size and pace of one ticket rush. Every field can be overridden by a system property
 * {@code rush.<field>} (for example {@code -Drush.users=2000}); TTLs and the scheduler period go to
 * the local runtime as its environment.
 *
 * @param users simulated users, all racing for one concert's 5 dates of 50 seats
 * @param maxActive {@code QUEUE_MAX_ACTIVE}
 * @param deadline the hard stop: users still going then are stopped and reported
 * @param maxRequests the hard cap on requests sent, all users together
 * @param waitingThreads threads that poll the queue for waiting users
 * @param shoppingThreads threads that run admitted users' requests (so polls never delay them)
 */
public record RushConfig(String concertId, int users, int maxActive, int activeTtlSeconds, int admissionGraceSeconds,
    int holdTtlSeconds, int schedulerIntervalSeconds, Duration deadline, long maxRequests, int waitingThreads,
    int shoppingThreads, long seed) {

  /**
   * The size the default test run uses: about 30 s on an idle machine, and up to twice that beside
   * the module's other test JVM and its browser. Real time, so the deadline leaves a wide margin:
   * it only stops a rush that would never end.
   */
  public static RushConfig small() {
    return new RushConfig("winter-gala", 80, 10, 6, 4, 3, 1, Duration.ofSeconds(180), 20_000, 3, 6, 20261224L);
  }

  /** The full rush: 2,000 users for 250 seats, 50 active at a time. */
  public static RushConfig full() {
    return new RushConfig("winter-gala", 2_000, 50, 6, 5, 4, 1, Duration.ofMinutes(10), 400_000, 10, 12, 20261224L);
  }

  /** This configuration with {@code rush.*} overrides from {@code property} (such as System::getProperty). */
  public RushConfig overriddenBy(UnaryOperator<String> property) {
    return new RushConfig(
        text(property, "concertId", concertId),
        number(property, "users", users),
        number(property, "maxActive", maxActive),
        number(property, "activeTtlSeconds", activeTtlSeconds),
        number(property, "admissionGraceSeconds", admissionGraceSeconds),
        number(property, "holdTtlSeconds", holdTtlSeconds),
        number(property, "schedulerIntervalSeconds", schedulerIntervalSeconds),
        Duration.ofSeconds(number(property, "deadlineSeconds", (int) deadline.toSeconds())),
        number(property, "maxRequests", (int) maxRequests),
        number(property, "waitingThreads", waitingThreads),
        number(property, "shoppingThreads", shoppingThreads),
        number(property, "seed", (int) seed));
  }

  /** The local runtime's environment for this rush. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUEUE_MAX_ACTIVE", String.valueOf(maxActive));
    env.put("ACTIVE_TTL_SECONDS", String.valueOf(activeTtlSeconds));
    env.put("ADMISSION_GRACE_SECONDS", String.valueOf(admissionGraceSeconds));
    env.put("HOLD_TTL_SECONDS", String.valueOf(holdTtlSeconds));
    env.put("SCHEDULER_INTERVAL_SECONDS", String.valueOf(schedulerIntervalSeconds));
    return env;
  }

  private static String text(UnaryOperator<String> property, String name, String fallback) {
    String value = property.apply("rush." + name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int number(UnaryOperator<String> property, String name, int fallback) {
    String value = property.apply("rush." + name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int parsed = Integer.parseInt(value.trim());
    if (parsed <= 0) {
      throw new IllegalArgumentException("rush." + name + " must be positive, was " + value);
    }
    return parsed;
  }
}
