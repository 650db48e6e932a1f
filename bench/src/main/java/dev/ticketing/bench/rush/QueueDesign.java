package dev.ticketing.bench.rush;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A queue design as the rush benchmark drives it: what one function instance does for a join, a
 * status poll and a maintenance round, and how an observer learns a token's place. Two
 * implementations: {@link LegacyQueueDesign} (the storage requests of the queue with one counter per concert,
 * for contrast) and {@link NewQueueDesign} (the slot for the rush-scale queue).
 *
 * <p>The benchmark builds many instances of one design, as Lambda runs many instances of one
 * function: each {@link FunctionInstance} must be its own object graph, so that anything it caches
 * (shared queue state, at most a second old) is cached per instance, as in Lambda. All instances
 * of a run share one {@link DynamoDbClient}, whose interceptors meter or throttle what they send.
 */
public interface QueueDesign {
  /** A short name for the report, e.g. "one counter (legacy)". */
  String name();

  /**
   * Where a run happens: a fresh table made from template.yaml, one concert, the environment the
   * functions would have (QUEUE_MAX_ACTIVE, ACTIVE_TTL_SECONDS, ADMISSION_ROUND_SECONDS, ...; TABLE_NAME
   * is {@code table}) and the clock (the real one: runs take real time).
   */
  record Stage(String table, String concertId, Map<String, String> environment, Clock clock) {}

  /** What a join answered: the token, and its place if the design hands one out at once. */
  record Joined(String token, OptionalLong place) {}

  /**
   * What a status poll answered: the status name, the position if the token has a place, and
   * when the client should ask again ({@code pollAfterSeconds}; empty if the design does not say,
   * as with one counter per concert, when the web app polled every second).
   */
  record Polled(String status, OptionalLong position, OptionalInt pollAfterSeconds) {}

  /**
   * Writes what must exist before the first join (the concert, and for the new design whatever
   * maintenance would have written before the sale). Not measured.
   */
  void prepare(Stage stage, DynamoDbClient client);

  /** A new function instance with its own object graph and caches. */
  FunctionInstance newInstance(Stage stage, DynamoDbClient client);

  /**
   * The places of {@code tokens} that have one now, read with {@code observer}: a separate client
   * that is neither metered nor throttled (the benchmark's own view, not the design's load).
   */
  Map<String, Long> places(Stage stage, DynamoDbClient observer, Collection<String> tokens);

  /**
   * One function instance. Called from many threads at once: the benchmark models how many
   * instances Lambda would run (request rate x handler time), not one thread per instance, so each
   * instance serves many concurrent calls. In Lambda an instance serves one request at a time, so
   * a per-instance cache there refreshes at most once per its lifetime; here it must do so too under
   * concurrent calls (e.g. a compare-and-set on its expiry, the others keep the old value meanwhile),
   * or the benchmark counts replica reads that Lambda would not make.
   */
  interface FunctionInstance {
    /** POST /concerts/{concertId}/queue/tokens for a new user: the use case, not the HTTP edge. */
    Joined join(String userId);

    /** GET /queue/status with the user's token. */
    Polled poll(String userId, String token);

    /** One maintenance round (placement and admission), as the scheduled function runs every ADMISSION_ROUND_SECONDS. */
    void maintenanceRound();
  }
}
