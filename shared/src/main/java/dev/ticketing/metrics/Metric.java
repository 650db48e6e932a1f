package dev.ticketing.metrics;

/**
 * The numbers an operator watches during a sale, by their CloudWatch names: the alarms and the
 * dashboard of template.yaml and docs/runbook.md name them exactly so. Counts are summed over a
 * period; gauges (marked) are read with Maximum. Concert metrics carry the dimension
 * {@code ConcertId} and are also published without it, the service's total.
 */
public enum Metric {
  // The queue, per concert.
  /** A new token issued (not a repeat that got the caller's live token back). */
  QUEUE_JOINS("QueueJoins", Unit.COUNT),
  /** Places handed out by a maintenance round. */
  PLACES_HANDED_OUT("PlacesHandedOut", Unit.COUNT),
  /** Gauge: users placed and not yet admitted (may count some who left). */
  USERS_WAITING("UsersWaiting", Unit.COUNT),
  /** Users admitted by a maintenance round. */
  USERS_ADMITTED("UsersAdmitted", Unit.COUNT),
  /** Gauge: admitted users who may still hold a slot (an upper bound of the ACTIVE ones). */
  ACTIVE_USERS("ActiveUsers", Unit.COUNT),
  /** Sessions a maintenance round ended (expired, unused past the grace, or paid). */
  SESSIONS_ENDED("SessionsEnded", Unit.COUNT),
  /**
   * Gauge: how long users of an OPEN sale have waited with nobody admitted; 0 while nobody waits
   * or the queue moves. The "queue not moving" alarm reads its Maximum over every concert.
   */
  QUEUE_STALLED_SECONDS("QueueStalledSeconds", Unit.SECONDS),

  // The sale, per concert.
  /**
   * A sale entered a state (dimension {@code SaleState}: UPCOMING, OPEN, PAUSED, SOLD_OUT, CLOSED),
   * by the clock, the seats or an operator. Emitted where a maintenance round records a new state
   * of the sale (docs/design.md, "The sale's life"), once per change.
   */
  SALE_STATE_CHANGES("SaleStateChanges", Unit.COUNT),

  // Reservations and payments, per concert.
  /** Reservations created (holds of one order each). */
  HOLDS("Holds", Unit.COUNT),
  /** Seats those holds took. */
  SEATS_HELD("SeatsHeld", Unit.COUNT),
  /** Holds that ran out unpaid and were released by maintenance. */
  HOLDS_EXPIRED("HoldsExpired", Unit.COUNT),
  /** Holds given up before they ran out: by their owner, or at the end of the owner's turn. */
  HOLDS_RELEASED("HoldsReleased", Unit.COUNT),
  /** Seats made AVAILABLE again by an expiry or a release. */
  SEATS_RELEASED("SeatsReleased", Unit.COUNT),
  /** Payments made (a repeat that answers with the existing payment is not one). */
  PAYMENTS("Payments", Unit.COUNT),
  /** Seats sold by those payments. */
  SEATS_SOLD("SeatsSold", Unit.COUNT),
  /** KRW taken by those payments (CloudWatch has no currency unit). */
  REVENUE("Revenue", Unit.NONE),

  // The scheduled maintenance, service-wide.
  /** How long one round of every step took. */
  MAINTENANCE_ROUND_DURATION("MaintenanceRoundDuration", Unit.MILLISECONDS),
  /**
   * How late a round started: after the previous round's start plus ADMISSION_ROUND_SECONDS, or,
   * for an invocation's first round, after the time its EventBridge event was scheduled for.
   */
  MAINTENANCE_ROUND_LAG("MaintenanceRoundLag", Unit.MILLISECONDS),
  /** 1 per round in which every step succeeded: the "maintenance stopped" alarm waits for it. */
  MAINTENANCE_HEARTBEAT("MaintenanceHeartbeat", Unit.COUNT),
  /** A step of a round that failed (dimension {@code Step}). */
  MAINTENANCE_STEP_FAILURES("MaintenanceStepFailures", Unit.COUNT),

  // Storage, service-wide.
  /**
   * DynamoDB throttled us: an attempt throttled (whether the SDK's retries absorbed it or not), a
   * transaction cancelled by throttling, a batch read that left keys unprocessed.
   */
  STORAGE_THROTTLED("StorageThrottled", Unit.COUNT),
  /** Requests answered 503 because storage stayed unavailable through every retry. */
  STORAGE_UNAVAILABLE("StorageUnavailable", Unit.COUNT);

  /** The CloudWatch units used here. */
  public enum Unit {
    COUNT, MILLISECONDS, SECONDS, NONE
  }

  private final String cloudWatchName;
  private final Unit unit;

  Metric(String cloudWatchName, Unit unit) {
    this.cloudWatchName = cloudWatchName;
    this.unit = unit;
  }

  public String cloudWatchName() {
    return cloudWatchName;
  }

  public Unit unit() {
    return unit;
  }
}
